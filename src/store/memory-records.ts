// Permanent records in one process, kept as JSON text (a caller never holds the stored object).
import type { RecordsPort } from './records';

export class MemoryRecords implements RecordsPort {
  private readonly records = new Map<string, Map<string, string>>();

  async put(ns: string, id: string, value: unknown): Promise<void> {
    const m = this.records.get(ns) ?? new Map<string, string>();
    m.set(id, JSON.stringify(value ?? null));
    this.records.set(ns, m);
  }

  async get(ns: string, id: string): Promise<unknown | null> {
    const json = this.records.get(ns)?.get(id);
    return json === undefined ? null : JSON.parse(json);
  }

  async list(ns: string): Promise<Array<{ id: string; value: unknown }>> {
    return [...(this.records.get(ns) ?? new Map<string, string>())]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, json]) => ({ id, value: JSON.parse(json) }));
  }

  async delete(ns: string, id: string): Promise<boolean> {
    return this.records.get(ns)?.delete(id) ?? false;
  }
}
