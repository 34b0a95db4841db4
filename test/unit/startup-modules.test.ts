// Start-up weight: what the server process loads. botbuilder-dialogs' index (every prompt's
// recognisers), chrono-node's 19 locales and the codes-postaux table cost ~0.5 s and ~50 MB
// at each start; the product needs none of them at run time (bench/README.md, start-up).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

it('the app loads no date-time or choice recogniser, no other chrono locale and no codes-postaux', () => {
  const script = `require('./src/app'); process.stdout.write(JSON.stringify(Object.keys(require.cache)))`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--no-deprecation', '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test' } });
  const loaded = (JSON.parse(out) as string[]).map((f) => path.relative(ROOT, f));
  expect(loaded.some((f) => f.includes('src/app.ts'))).toBe(true);
  // The number recogniser comes with the prompt base class (its choice helpers); not the others.
  expect(loaded.filter((f) => /node_modules\/@microsoft\/recognizers-text-(suite|date-time|choice|sequence)/.test(f))).toEqual([]);
  expect(loaded.filter((f) => /node_modules\/codes-postaux\//.test(f))).toEqual([]);
  // chrono's core is built on its English configuration; the 17 other locales stay out.
  expect(loaded.filter((f) => /node_modules\/chrono-node\/dist\/cjs\/locales\/(?!fr\/|en\/)/.test(f))).toEqual([]);
  expect(loaded.filter((f) => /node_modules\/botbuilder-dialogs\/lib\/index\.js$/.test(f))).toEqual([]);
});
