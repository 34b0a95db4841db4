// What the in-memory ports share: a map whose entries expire (checked lazily against
// Date.now(), swept now and then), and the copy that keeps callers from changing stored values.

export class TtlMap<V> {
  private readonly m = new Map<string, { v: V; exp: number }>();
  get(k: string): V | undefined {
    const e = this.m.get(k);
    if (!e) return undefined;
    if (e.exp <= Date.now()) { this.m.delete(k); return undefined; }
    return e.v;
  }
  set(k: string, v: V, exp = Infinity): void { this.m.set(k, { v, exp }); }
  delete(k: string): void { this.m.delete(k); }
  sweep(): void {
    const now = Date.now();
    for (const [k, e] of this.m) if (e.exp <= now) this.m.delete(k);
  }
}

export const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
