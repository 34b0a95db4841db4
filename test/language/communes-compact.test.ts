// The build-time commune tables (dist/communes.json) must say exactly what the source packages say.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMPACT_FILE, fromCompact, readCompact, sourceVersions, toCompact } from '../../src/language/communes-compact';
import { franceTablesFromPackages } from '../../src/language/place';

jest.setTimeout(60_000);

describe('compact commune tables (npm run build → dist/communes.json)', () => {
  const tables = franceTablesFromPackages();

  it('round-trip to exactly the tables read from the packages', () => {
    expect(tables.communes.length).toBeGreaterThan(34_000);
    expect(tables.geo.length).toBeGreaterThan(10_000);
    const back = fromCompact(toCompact(tables));
    expect(back).toEqual(tables);
    // Order matters (ties between names are decided by it): same order too.
    expect(back?.byName.map(([k]) => k)).toEqual(tables.byName.map(([k]) => k));
  });

  it('are ignored when written from other package versions, or damaged', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-communes-'));
    const stale = JSON.parse(toCompact(tables)) as { sources: Record<string, string> };
    stale.sources['codes-postaux'] = '0.0.0-other';
    fs.writeFileSync(path.join(dir, 'stale.json'), JSON.stringify(stale));
    fs.writeFileSync(path.join(dir, 'damaged.json'), '{"format":1,');
    expect(readCompact(path.join(dir, 'stale.json'))).toBeNull();
    expect(readCompact(path.join(dir, 'damaged.json'))).toBeNull();
    expect(readCompact(path.join(dir, 'missing.json'))).toBeNull();
    expect(Object.values(sourceVersions()).every((v) => /^\d+\.\d+/.test(v))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the file the last build wrote, when there is one for these packages, matches them', () => {
    const built = fs.existsSync(COMPACT_FILE) ? readCompact() : null;
    if (built) expect(built).toEqual(tables);
    else expect(fs.existsSync(COMPACT_FILE) ? 'stale (other package versions): ignored at run time' : 'no build').toMatch(/ignored|no build/);
  });
});
