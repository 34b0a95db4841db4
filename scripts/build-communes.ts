// `npm run build` step: the France-wide commune tables of the place index, compact, in
// dist/communes.json (see src/language/communes-compact.ts). Start-up then reads one small
// file instead of parsing the source packages.
import fs from 'node:fs';
import path from 'node:path';
import { COMPACT_FILE, toCompact } from '../src/language/communes-compact';
import { franceTablesFromPackages } from '../src/language/place';

const started = Date.now();
const json = toCompact(franceTablesFromPackages());
fs.mkdirSync(path.dirname(COMPACT_FILE), { recursive: true });
fs.writeFileSync(COMPACT_FILE, json);
process.stdout.write(`${path.relative(process.cwd(), COMPACT_FILE)}: ${(json.length / 1e6).toFixed(1)} MB in ${Date.now() - started} ms\n`);
