// The layers drawn from the code (docs/architecture.md): no circle between files, and the
// domain, the language, the store and the services never import a layer above them (nor
// botbuilder). Read from the import statements with TypeScript's own parser.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

/** file → the files (repository paths) and packages it imports. */
function importGraph(): Map<string, { files: string[]; packages: string[] }> {
  const graph = new Map<string, { files: string[]; packages: string[] }>();
  for (const file of [...sources('src'), ...sources('dialogs')]) {
    const src = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest);
    const files: string[] = [];
    const packages: string[] = [];
    src.forEachChild((n) => {
      if (!(ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) || !n.moduleSpecifier || !ts.isStringLiteral(n.moduleSpecifier)) return;
      const spec = n.moduleSpecifier.text;
      if (!spec.startsWith('.')) { packages.push(spec); return; }
      const base = path.join(path.dirname(file), spec);
      const hit = [`${base}.ts`, `${base}/index.ts`, base].find((c) => fs.existsSync(path.join(ROOT, c)) && fs.statSync(path.join(ROOT, c)).isFile());
      if (hit) files.push(hit.split(path.sep).join('/'));
    });
    graph.set(file, { files, packages });
  }
  return graph;
}

const graph = importGraph();

/** Strongly connected groups of more than one file (Tarjan). */
function circles(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next); low.set(v, next); next++;
    stack.push(v); onStack.add(v);
    for (const w of graph.get(v)?.files ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); group.push(w); } while (w !== v);
      if (group.length > 1) out.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

// A file directly under src/ (or dialogs/) is a folder of its own; every other file belongs to
// its first-level folder (src/channels/sms/x.ts → src/channels) or to its own folder
// (→ src/channels/sms): neither kind of folder may import the other back.
const firstLevelFolder = (file: string) => {
  const parts = file.split('/');
  return parts.length === 2 ? file.replace(/\.ts$/, '') : parts.slice(0, 2).join('/');
};
const ownFolder = (file: string) => {
  const parts = file.split('/');
  return parts.length === 2 ? file.replace(/\.ts$/, '') : parts.slice(0, -1).join('/');
};

/** Imports from a folder to one that imports it back (directly or not), with the file imports behind it. */
function folderCircles(folderOf: (file: string) => string): string[][] {
  const folders = new Map<string, Map<string, string[]>>();
  for (const [file, deps] of graph) {
    for (const d of deps.files) {
      const [a, b] = [folderOf(file), folderOf(d)];
      if (a === b) continue;
      const out = folders.get(a) ?? new Map<string, string[]>();
      out.set(b, [...(out.get(b) ?? []), `${file} → ${d}`]);
      folders.set(a, out);
    }
  }
  const reach = (from: string): Set<string> => {
    const seen = new Set<string>();
    const todo = [from];
    while (todo.length) for (const n of folders.get(todo.pop()!)?.keys() ?? []) if (!seen.has(n)) { seen.add(n); todo.push(n); }
    return seen;
  };
  const found: string[][] = [];
  for (const [a, out] of folders) for (const [b, why] of out) if (reach(b).has(a)) found.push(why);
  return found;
}

const under = (file: string, prefixes: readonly string[]) => prefixes.some((p) => file === `${p}.ts` || file.startsWith(`${p}/`));

// What each lower layer may import (besides npm packages other than botbuilder).
const BASE = ['src/paths', 'src/markup', 'src/log', 'src/i18n', 'locales'];
// Pure text rules of an SMS (GSM-7, segments): used to fit notices, no channel behind them.
const SMS_TEXT = ['src/sms-text'];
const DOMAIN = ['src/booking', 'src/language', 'src/conversation'];
const STORE = ['src/store'];
const SERVICES = [
  'src/audit', 'src/stats', 'src/catalogue', 'src/person', 'src/workshops', 'src/earlier', 'src/notices', 'src/notify', 'src/jobs',
  'src/coordinator/service', 'src/coordinator/accounts', 'src/coordinator/catalogue-service', 'src/coordinator/csv',
  'src/coordinator/workshop-admin', 'src/workshop-service',
];
const LAYERS: Array<{ name: string; files: readonly string[]; may: readonly string[] }> = [
  { name: 'domain and language', files: DOMAIN, may: [...BASE, ...DOMAIN] },
  { name: 'store', files: STORE, may: [...BASE, ...DOMAIN, ...STORE] },
  { name: 'services', files: SERVICES, may: [...BASE, ...SMS_TEXT, ...DOMAIN, ...STORE, ...SERVICES, 'src/config'] },
];

// Imports that still run up, each with the issue-21 item that removes it. The test fails when
// one goes (so this list shrinks with the code) as well as when a new one comes.
const KNOWN: readonly string[] = [];

const isBotbuilder = (p: string) => p.startsWith('botbuilder') || p.startsWith('botframework');

// The bot seam (issue 21 item 5): the composition root (src/app.ts) builds the root dialog and
// registers the channels' middleware (SMS reply buffering); the bot imports none of them.
const BOT_SIDE = ['dialogs', 'src/bot', 'src/channels', 'src/coordinator'];
const SEAM: Array<{ name: string; files: readonly string[]; deny: readonly string[]; botbuilder: boolean }> = [
  { name: 'the bot (src/bot.ts, src/bot/)', files: ['src/bot'], deny: ['dialogs', 'src/channels', 'src/coordinator', 'src/app', 'src/server', 'src/widget'], botbuilder: true },
  { name: 'language, booking, store, workshops and person', files: ['src/language', 'src/booking', 'src/store', 'src/workshops', 'src/person'], deny: BOT_SIDE, botbuilder: false },
];
// Imports the seam rules still allow, each with its reason; a new one fails, and so does one that goes.
const SEAM_KNOWN: readonly string[] = [];

describe('layers', () => {
  it('has no circle between files', () => {
    expect(circles()).toEqual([]);
  });

  it('has no circle between first-level folders (src/channels ↔ src/notify, …)', () => {
    expect(folderCircles(firstLevelFolder)).toEqual([]);
  });

  it('has no circle between a folder and its sub-folders (src/coordinator ↔ src/coordinator/web, …)', () => {
    expect(folderCircles(ownFolder)).toEqual([]);
  });

  for (const layer of LAYERS) {
    it(`${layer.name} import nothing above them, and never botbuilder`, () => {
      const upward: string[] = [];
      for (const [file, deps] of graph) {
        if (!under(file, layer.files)) continue;
        for (const d of deps.files) if (!under(d, layer.may)) upward.push(`${file} → ${d}`);
        for (const p of deps.packages) if (isBotbuilder(p)) upward.push(`${file} → ${p}`);
      }
      expect(upward.sort()).toEqual(KNOWN.filter((k) => under(k.split(' → ')[0], layer.files)).sort());
    });
  }

  for (const rule of SEAM) {
    it(`${rule.name} import nothing from ${rule.deny.join(', ')}${rule.botbuilder ? '' : ' nor botbuilder'}`, () => {
      const denied: string[] = [];
      for (const [file, deps] of graph) {
        if (!under(file, rule.files)) continue;
        for (const d of deps.files) if (under(d, rule.deny)) denied.push(`${file} → ${d}`);
        if (!rule.botbuilder) for (const p of deps.packages) if (isBotbuilder(p)) denied.push(`${file} → ${p}`);
      }
      expect([...new Set(denied)].sort()).toEqual(SEAM_KNOWN.filter((k) => under(k.split(' → ')[0], rule.files)).sort());
    });
  }

  // The flat dialog layer (docs/decisions/flat-dialog-layer.md): no botbuilder-dialogs on the turn,
  // nor anywhere else in the product.
  it('nothing imports botbuilder-dialogs', () => {
    const users = [...graph].filter(([, deps]) => deps.packages.some((p) => p.startsWith('botbuilder-dialogs'))).map(([file]) => file);
    expect(users).toEqual([]);
  });

  it('reads the imports it judges (the rules are not vacuous)', () => {
    expect(graph.get('src/app.ts')?.files).toEqual(expect.arrayContaining(['dialogs/root.ts', 'src/bot.ts', 'src/channels/sms/reply-buffer.ts']));
    expect(graph.get('src/bot.ts')?.packages).toContain('botbuilder');
  });
});
