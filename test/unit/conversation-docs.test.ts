// ConversationDocs: one locked read-modify-write per turn, the document parsed once (the store's
// read) and serialised once (the change check, whose text is what the store writes).
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { ConversationDocs, conversationKey, type ConversationDoc } from '../../src/bot/state';
import { MemoryStore } from '../../src/store/memory';
import { setTurnOrigin } from '../../src/bot/identity';

const activity = { type: 'message', channelId: 'test', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } } as Partial<Activity>;
const KEY = 'state:test/conversations/c/';

const stores: MemoryStore[] = [];
afterEach(async () => { await Promise.all(stores.splice(0).map((s) => s.close())); });
const memoryStore = (): MemoryStore => { const s = new MemoryStore(); stores.push(s); return s; };

/** One turn; how many times JSON.stringify ran in it. */
async function turn(docs: ConversationDocs, fn: (doc: ConversationDoc) => void | Promise<void>): Promise<{ stringify: number }> {
  const ctx = new TurnContext(new TestAdapter(), activity);
  setTurnOrigin(ctx, { kind: 'channel' });
  const stringify = jest.spyOn(JSON, 'stringify');
  try {
    await docs.runTurn(ctx, async (doc) => {
      expect(docs.current(ctx)).toBe(doc); // the same object: no copy for the turn
      await fn(doc);
    });
    return { stringify: stringify.mock.calls.length };
  } finally {
    stringify.mockRestore();
  }
}

it('serialises the document once per turn, writes only a change, and reads back what it wrote', async () => {
  const store = memoryStore();
  const docs = new ConversationDocs(store);
  const big = { step: 'place', facts: { topic: 'caf', when: { days: ['2026-12-01'], part: 'pm' }, notes: 'x'.repeat(2000) } };

  expect((await turn(docs, (doc) => { doc.form = big; })).stringify).toBe(1);
  const written = (await store.documents.read([KEY]))[KEY]!;
  expect(written.value).toEqual({ form: big });

  // A turn that only reads: one stringify (the comparison), nothing written (same eTag).
  let seen: unknown;
  expect((await turn(docs, (doc) => { seen = doc.form; })).stringify).toBe(1);
  expect(seen).toEqual(big);
  expect((await store.documents.read([KEY]))[KEY]!.eTag).toBe(written.eTag);

  // A change deep inside: written, once, and read back.
  expect((await turn(docs, (doc) => { (doc.form as typeof big).facts.topic = 'impots'; })).stringify).toBe(1);
  const after = (await store.documents.read([KEY]))[KEY]!;
  expect(after.eTag).not.toBe(written.eTag);
  expect((after.value as { form: typeof big }).form.facts.topic).toBe('impots');
});

it('a new conversation that writes nothing stores nothing', async () => {
  const store = memoryStore();
  await turn(new ConversationDocs(store), () => undefined);
  expect(await store.documents.read([KEY])).toEqual({});
});

it('a stored document in another form (not written by us) is compared by value, not trusted as text', async () => {
  const store = memoryStore();
  // Same value, other spacing: the first turn writes it once in our form, then never again.
  await store.documents.write({ [KEY]: { value: { form: { step: 'when' } } } });
  (store.documents as unknown as { docs: Map<string, { json: string }> }).docs.get(KEY)!.json = '{ "form": { "step": "when" } }';
  const docs = new ConversationDocs(store);
  await turn(docs, (doc) => { expect(doc.form).toEqual({ step: 'when' }); });
  const once = (await store.documents.read([KEY]))[KEY]!;
  await turn(docs, () => undefined);
  expect((await store.documents.read([KEY]))[KEY]!.eTag).toBe(once.eTag);
});

it('keys the document by what the channel proved (an anonymous turn has its own namespace)', () => {
  const ctx = new TurnContext(new TestAdapter(), activity);
  expect(conversationKey(ctx)).toBe('anon/test/conversations/c/');
  setTurnOrigin(ctx, { kind: 'channel' });
  expect(conversationKey(ctx)).toBe('test/conversations/c/');
  expect(() => conversationKey(new TurnContext(new TestAdapter(), { ...activity, conversation: undefined } as Partial<Activity>))).toThrow(/conversation\.id/);
});
