// The bench's catalogue: data/territories.json with each volunteer cloned K times (same
// sites and hours), so that 1,000+ bookings in one run do not exhaust the 4-week horizon of
// the 40 real volunteers. Written to a temp file passed as TERRITORIES_FILE.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function writeBenchCatalogue(clones: number): string {
  const file = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../data/territories.json'), 'utf8')) as { volunteers: Array<{ id: string }> };
  file.volunteers = file.volunteers.flatMap((v) => Array.from({ length: clones }, (_, k) => ({ ...v, id: k === 0 ? v.id : `${v.id}-b${k}` })));
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cx-bench-catalogue-')), 'territories.json');
  fs.writeFileSync(out, JSON.stringify(file));
  return out;
}
