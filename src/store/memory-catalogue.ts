// The catalogue document in one process (kept as JSON text, as on Redis).
import type { CataloguePort } from './catalogue';

export class MemoryCatalogue implements CataloguePort {
  private current: { version: number; json: string } = { version: 0, json: 'null' };

  async version(): Promise<number> { return this.current.version; }

  async read(): Promise<{ version: number; doc: unknown } | null> {
    return this.current.version === 0 ? null : { version: this.current.version, doc: JSON.parse(this.current.json) };
  }

  async write(doc: unknown, expectedVersion: number): Promise<{ ok: boolean; version: number }> {
    if (this.current.version !== expectedVersion) return { ok: false, version: this.current.version };
    this.current = { version: expectedVersion + 1, json: JSON.stringify(doc) };
    return { ok: true, version: this.current.version };
  }
}
