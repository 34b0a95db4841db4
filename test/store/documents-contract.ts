// Documents and their locks (both stores): turns of one key never overlap, eTags as botbuilder's,
// a locked document read with its lock and written as the lock goes.
import type { DocumentsPort } from '../../src/store/documents';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function documentsContract(documents: () => DocumentsPort): void {
  describe('DocumentsPort', () => {
    describe('withLock', () => {
      it('serialises the runs of one key with increasing fencing tokens', async () => {
        let inside = 0;
        let maxInside = 0;
        const order: number[] = [];
        const run = (i: number) => documents().withLock('conv-1', async (token) => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          order.push(token);
          await sleep(i % 3);
          inside--;
          return i;
        });
        const results = await Promise.all(Array.from({ length: 12 }, (_, i) => run(i)));
        expect(results).toEqual(Array.from({ length: 12 }, (_, i) => i));
        expect(maxInside).toBe(1);
        expect(order).toHaveLength(12);
        for (let i = 1; i < order.length; i++) expect(order[i]).toBeGreaterThan(order[i - 1]);
      });

      it('keeps a lock past its TTL while the holder runs (renewed), and nobody takes it meanwhile', async () => {
        // Short TTLs only work because the holder renews them (issue 9): a turn longer than
        // the TTL must keep its lock, a dead holder gives it up after one TTL.
        let inside = true;
        const long = documents().withLock('conv-renew', async () => { await sleep(700); inside = false; return 'done'; }, { ttlMs: 200 });
        await sleep(50);
        await expect(documents().withLock('conv-renew', async () => inside, { waitMs: 400 })).rejects.toThrow(/lock timeout/);
        expect(await long).toBe('done');
        expect(await documents().withLock('conv-renew', async () => inside)).toBe(false);
      });

      it('does not block other keys, releases after a throw, times out when busy', async () => {
        let release!: () => void;
        const gate = new Promise<void>((r) => { release = r; });
        const long = documents().withLock('conv-a', () => gate);
        await sleep(20);
        expect(await documents().withLock('conv-b', async () => 'b')).toBe('b');
        await expect(documents().withLock('conv-a', async () => 'late', { waitMs: 60 })).rejects.toThrow(/lock timeout/);
        release();
        await long;
        await expect(documents().withLock('conv-a', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
        expect(await documents().withLock('conv-a', async () => 'free')).toBe('free');
      });
    });

    describe('withLockedDoc', () => {
      it('reads the document with the lock and writes it on release; runs of one key never overlap', async () => {
        await documents().write({ 'c-1': { value: { n: 0 } } });
        let inside = 0;
        let maxInside = 0;
        const tokens: number[] = [];
        const run = (i: number) => documents().withLockedDoc('c-1', async (turn) => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          tokens.push(turn.fencingToken);
          const n = (turn.doc?.value as { n: number }).n;
          await sleep(i % 3);
          inside--;
          await turn.saveAndRelease({ n: n + 1 }, turn.doc?.eTag);
        });
        await Promise.all(Array.from({ length: 10 }, (_, i) => run(i)));
        expect(maxInside).toBe(1);
        expect((await documents().read(['c-1']))['c-1'].value).toEqual({ n: 10 }); // no lost update
        for (let i = 1; i < tokens.length; i++) expect(tokens[i]).toBeGreaterThan(tokens[i - 1]);
      });

      it('sees no document when there is none; releases without a write; releases after a throw', async () => {
        const seen = await documents().withLockedDoc('c-new', async (turn) => turn.doc);
        expect(seen).toBeUndefined();
        expect(await documents().read(['c-new'])).toEqual({});
        await expect(documents().withLockedDoc('c-new', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
        expect(await documents().withLockedDoc('c-new', async () => 'free', { waitMs: 200 })).toBe('free');
        await documents().withLockedDoc('c-new', (turn) => turn.saveAndRelease({ a: 1 }));
        const doc = await documents().withLockedDoc('c-new', async (turn) => turn.doc, { waitMs: 200 });
        expect(doc?.value).toEqual({ a: 1 });
        expect(doc?.eTag).toBe((await documents().read(['c-new']))['c-new'].eTag);
      });

      it('keeps eTag rules: a stale eTag writes nothing, rejects, and still releases the lock', async () => {
        await documents().write({ 'c-2': { value: 'v1' } });
        await expect(documents().withLockedDoc('c-2', async (turn) => {
          await documents().write({ 'c-2': { value: 'meanwhile' } }); // a writer that did not take the lock
          await turn.saveAndRelease('v2', turn.doc?.eTag);
        })).rejects.toThrow(/eTag conflict/);
        expect((await documents().read(['c-2']))['c-2'].value).toBe('meanwhile');
        expect(await documents().withLockedDoc('c-2', async (turn) => turn.doc?.value, { waitMs: 200 })).toBe('meanwhile');
        await documents().withLockedDoc('c-2', (turn) => turn.saveAndRelease('forced', '*'));
        expect((await documents().read(['c-2']))['c-2'].value).toBe('forced');
      });

      it('blocks the same key, not others, and times out when busy', async () => {
        let release!: () => void;
        const gate = new Promise<void>((r) => { release = r; });
        const long = documents().withLockedDoc('c-a', () => gate);
        await sleep(20);
        expect(await documents().withLockedDoc('c-b', async () => 'b')).toBe('b');
        expect(await documents().withLock('c-a', async () => 'named lock')).toBe('named lock'); // its own namespace
        await expect(documents().withLockedDoc('c-a', async () => 'late', { waitMs: 60 })).rejects.toThrow(/lock timeout/);
        release();
        await long;
      });
    });

    describe('documents', () => {
      it('round-trips JSON values with an eTag; unknown keys are absent', async () => {
        expect(await documents().read(['a', 'b'])).toEqual({});
        await documents().write({ a: { value: { n: 1, s: 'é', list: [1, { x: null }] } }, b: { value: 'text' } });
        const got = await documents().read(['a', 'b', 'c']);
        expect(Object.keys(got).sort()).toEqual(['a', 'b']);
        expect(got.a.value).toEqual({ n: 1, s: 'é', list: [1, { x: null }] });
        expect(got.b.value).toBe('text');
        expect(typeof got.a.eTag).toBe('string');
        expect(got.a.eTag).not.toBe(got.b.eTag);
      });

      it('follows botbuilder eTag rules', async () => {
        await documents().write({ k: { value: { v: 1 } } });
        const e1 = (await documents().read(['k'])).k.eTag;
        await documents().write({ k: { value: { v: 2 }, eTag: e1 } });
        const e2 = (await documents().read(['k'])).k.eTag;
        expect(e2).not.toBe(e1);
        // Stale eTag: rejected, value unchanged.
        await expect(documents().write({ k: { value: { v: 3 }, eTag: e1 } })).rejects.toThrow(/eTag conflict/);
        expect((await documents().read(['k'])).k).toEqual({ value: { v: 2 }, eTag: e2 });
        // '*' and no eTag: unconditional.
        await documents().write({ k: { value: { v: 4 }, eTag: '*' } });
        await documents().write({ k: { value: { v: 5 } } });
        expect((await documents().read(['k'])).k.value).toEqual({ v: 5 });
        // An eTag for a key that does not exist (any more): written, like MemoryStorage.
        await documents().write({ fresh: { value: 1, eTag: 'whatever' } });
        expect((await documents().read(['fresh'])).fresh.value).toBe(1);
      });

      it('two writers with the same eTag: exactly one wins', async () => {
        await documents().write({ k: { value: 0 } });
        const e = (await documents().read(['k'])).k.eTag;
        const r = await Promise.allSettled([1, 2].map((v) => documents().write({ k: { value: v, eTag: e } })));
        expect(r.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
        const rejected = r.find((x) => x.status === 'rejected') as PromiseRejectedResult;
        expect(String(rejected.reason)).toMatch(/eTag conflict/);
      });

      it('deletes documents', async () => {
        await documents().write({ a: { value: 1 }, b: { value: 2 } });
        await documents().delete(['a', 'missing']);
        await documents().delete([]);
        expect(Object.keys(await documents().read(['a', 'b']))).toEqual(['b']);
      });
    });
  });
}
