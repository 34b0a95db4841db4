// The store's own map (docs/architecture.md, "The store"): each port is an interface that
// names no implementation, and the memory and Redis implementations never import each other.
import fs from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(__dirname, '../../src/store');
const PORTS = ['bookings', 'workshops', 'documents', 'counters', 'logs', 'records', 'catalogue'];

/** The relative modules and packages a file of src/store imports (import and export … from). */
function importsOf(file: string): string[] {
  const src = fs.readFileSync(path.join(DIR, file), 'utf8');
  return [...src.matchAll(/^(?:import|export)\b[^;]*?from '([^']+)'/gms)].map((m) => m[1]);
}

const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts'));

describe('store ports', () => {
  it('has an interface, a memory and a Redis implementation for every port', () => {
    for (const p of PORTS) expect([`${p}.ts`, `memory-${p}.ts`, `redis-${p}.ts`].filter((f) => !files.includes(f))).toEqual([]);
  });

  it('port interfaces import only the domain and other ports', () => {
    const allowed = (spec: string) => spec.startsWith('../booking/') || PORTS.some((p) => spec === `./${p}`);
    const bad = [...PORTS, 'store'].flatMap((p) => importsOf(`${p}.ts`).filter((s) => !allowed(s)).map((s) => `${p}.ts → ${s}`));
    expect(bad).toEqual([]);
  });

  it('memory and Redis implementations never import each other', () => {
    const bad = files.flatMap((f) => {
      const other = f.startsWith('memory') ? /^(\.\/redis|\.\/keys|\.\/scripts|\.\/tokens|\.\/connection|ioredis)/ : f.startsWith('redis') ? /^\.\/memory/ : null;
      return other ? importsOf(f).filter((s) => other.test(s)).map((s) => `${f} → ${s}`) : [];
    });
    expect(bad).toEqual([]);
  });
});
