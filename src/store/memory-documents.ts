// Documents and locks in one process: a FIFO queue of waiters per lock key, documents in a
// map that forgets them after their TTL. A lock dies with its process: no TTL, never lost.
import type { DocumentsPort, LockedDoc, LockOptions } from './documents';
import { ETagConflictError, LockLostError, LockTimeoutError } from './errors';
import { TtlMap } from './memory-ttl';
import { DEFAULT_LOCK_WAIT_MS, docTtlFor } from './ttl';

interface LockState { fence: number; busy: boolean; waiters: Array<() => void> }

export class MemoryDocuments implements DocumentsPort {
  private readonly docs = new TtlMap<{ json: string; eTag: string }>();
  private readonly locks = new Map<string, LockState>();
  private eTagCounter = 0;

  constructor(private readonly docTtlMs: number) {}

  sweep(): void { this.docs.sweep(); }

  async withLock<T>(key: string, fn: (fencingToken: number) => Promise<T>, opts: LockOptions = {}): Promise<T> {
    const waitMs = opts.waitMs ?? DEFAULT_LOCK_WAIT_MS;
    let st = this.locks.get(key);
    if (!st) { st = { fence: 0, busy: false, waiters: [] }; this.locks.set(key, st); }
    const s = st;
    if (s.busy) {
      await new Promise<void>((resolve, reject) => {
        const wake = () => { clearTimeout(timer); resolve(); };
        const timer = setTimeout(() => {
          const i = s.waiters.indexOf(wake);
          if (i >= 0) s.waiters.splice(i, 1);
          reject(new LockTimeoutError(key, waitMs));
        }, waitMs);
        s.waiters.push(wake);
      });
    }
    // Ownership is handed over directly by the releaser: `busy` stays true in between.
    s.busy = true;
    const token = ++s.fence;
    try {
      return await fn(token);
    } finally {
      const next = s.waiters.shift();
      if (next) next();
      else s.busy = false;
    }
  }

  async withLockedDoc<T>(key: string, fn: (turn: LockedDoc) => Promise<T>, opts: LockOptions = {}): Promise<T> {
    // Its own namespace of locks, as on Redis.
    return this.withLock(`\u0000doc:${key}`, async (fencingToken) => {
      const d = this.docs.get(key);
      let saved = false;
      return fn({
        fencingToken,
        doc: d ? { value: JSON.parse(d.json), eTag: d.eTag, json: d.json } : undefined,
        saveAndRelease: async (value, eTag, json) => {
          if (saved) throw new LockLostError(key); // released already
          saved = true;
          this.writeJson({ [key]: { json: json ?? JSON.stringify(value ?? null), eTag } });
        },
      });
    }, opts);
  }

  async read(keys: readonly string[]): Promise<Record<string, { value: unknown; eTag: string }>> {
    const out: Record<string, { value: unknown; eTag: string }> = {};
    for (const k of keys) {
      const d = this.docs.get(k);
      if (d) out[k] = { value: JSON.parse(d.json), eTag: d.eTag };
    }
    return out;
  }

  async write(changes: Record<string, { value: unknown; eTag?: string }>): Promise<void> {
    this.writeJson(Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, { json: JSON.stringify(c.value ?? null), eTag: c.eTag }])));
  }

  private writeJson(changes: Record<string, { json: string; eTag?: string }>): void {
    // botbuilder MemoryStorage rules: a missing key, `*` or no eTag → unconditional write.
    // Every key is checked before any is written, so a conflicting call changes nothing.
    for (const [k, c] of Object.entries(changes)) {
      const cur = this.docs.get(k);
      if (cur && c.eTag && c.eTag !== '*' && c.eTag !== cur.eTag) throw new ETagConflictError(k);
    }
    for (const [k, c] of Object.entries(changes)) {
      this.docs.set(k, { json: c.json, eTag: String(++this.eTagCounter) }, Date.now() + docTtlFor(k, this.docTtlMs));
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const k of keys) this.docs.delete(k);
  }
}
