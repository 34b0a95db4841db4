// Start-up weight: what the server process loads. botbuilder-dialogs (no longer a dependency
// since the flat dialog layer) with every prompt's recognisers, chrono-node's 19 locales and
// the codes-postaux table cost ~0.5 s and ~50 MB at each start; the product needs none of them
// at run time (bench/README.md, start-up). Nor does it need @azure/identity, msal,
// htmlparser2, spdy or http-signature, which botbuilder and restify require when they load:
// src/deferred-packages.ts defers them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEFERRED_PACKAGES, lazyExports } from '../../src/deferred-packages';

const ROOT = path.resolve(__dirname, '../..');

it('the app loads no date-time or choice recogniser, no other chrono locale and no codes-postaux', () => {
  // What src/index.ts loads before main() runs: the deferral first, then the app.
  const script = `require('./src/deferred-packages'); require('./src/app'); process.stdout.write(JSON.stringify(Object.keys(require.cache)))`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--no-deprecation', '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test' } });
  const loaded = (JSON.parse(out) as string[]).map((f) => path.relative(ROOT, f));
  expect(loaded.some((f) => f.includes('src/app.ts'))).toBe(true);
  expect(loaded.filter((f) => /node_modules\/@microsoft\/recognizers-text/.test(f))).toEqual([]);
  expect(loaded.filter((f) => /node_modules\/codes-postaux\//.test(f))).toEqual([]);
  // chrono's core is built on its English configuration; the 17 other locales stay out.
  expect(loaded.filter((f) => /node_modules\/chrono-node\/dist\/cjs\/locales\/(?!fr\/|en\/)/.test(f))).toEqual([]);
  expect(loaded.filter((f) => /node_modules\/botbuilder-dialogs\//.test(f))).toEqual([]);
  // Deferred: not loaded at all until a path that needs them runs.
  const deferred = Object.keys(DEFERRED_PACKAGES);
  expect(deferred.length).toBeGreaterThan(0);
  expect(loaded.filter((f) => deferred.some((p) => f.includes(`node_modules/${p}/`)))).toEqual([]);
});

it('src/index.ts installs the deferral before anything else loads', () => {
  const imports = fs.readFileSync(path.join(ROOT, 'src/index.ts'), 'utf8').split('\n').filter((l) => /^import /.test(l));
  expect(imports[0]).toMatch(/^import '\.\/deferred-packages';/);
});

it('each deferred package says rightly whether it is an ES module (what the stand-in answers unloaded)', () => {
  for (const [pkg, d] of Object.entries(DEFERRED_PACKAGES)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect([pkg, (require(pkg) as { __esModule?: boolean }).__esModule === true]).toEqual([pkg, d.esModule === true]);
  }
});

it('a deferred package loads on first use and then behaves as itself', () => {
  let loads = 0;
  const real = { version: '1', greet: (n: string) => `bonjour ${n}`, Klass: class { x = 1; } };
  const stand = lazyExports(() => { loads += 1; return real; }) as typeof real;
  expect(loads).toBe(0);
  expect(stand.greet('Mme Martin')).toBe('bonjour Mme Martin');
  expect(new stand.Klass()).toBeInstanceOf(real.Klass);
  expect('version' in stand).toBe(true);
  expect(Object.keys(stand)).toEqual(['version', 'greet', 'Klass']);
  expect(loads).toBe(1);
  // An ES module's flag is answered without loading it (tsc's __importStar reads it first).
  let esLoads = 0;
  const es = lazyExports(() => { esLoads += 1; return { __esModule: true, f: () => 1 }; }, { esModule: true }) as { __esModule: boolean; f: () => number };
  expect(es.__esModule).toBe(true);
  expect(esLoads).toBe(0);
  expect(es.f()).toBe(1);
  expect(esLoads).toBe(1);
});
