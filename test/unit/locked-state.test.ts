// LockedConversationState: one locked read-modify-write per turn, the state serialised once
// (the store's own text is the "unchanged" baseline; the one stringify at the end is written as is).
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { LockedConversationState } from '../../src/bot/state';
import { MemoryStore } from '../../src/store/memory';
import { setTurnOrigin } from '../../src/bot/identity';

const activity = { type: 'message', channelId: 'test', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } } as Partial<Activity>;

const stores: MemoryStore[] = [];
afterEach(async () => { await Promise.all(stores.splice(0).map((s) => s.close())); });
const memoryStore = (): MemoryStore => { const s = new MemoryStore(); stores.push(s); return s; };

async function turn(state: LockedConversationState, fn: (ctx: TurnContext) => Promise<void>): Promise<number> {
  const ctx = new TurnContext(new TestAdapter(), activity);
  setTurnOrigin(ctx, { kind: 'channel' });
  const stringify = jest.spyOn(JSON, 'stringify');
  try {
    await state.runTurn(ctx, () => fn(ctx));
    return stringify.mock.calls.length;
  } finally {
    stringify.mockRestore();
  }
}

it('serialises the state once per turn, writes only a change, and reads back what it wrote', async () => {
  const store = memoryStore();
  const state = new LockedConversationState(store);
  const form = state.createProperty<{ step: string; facts: Record<string, unknown> }>('form');
  const big = { step: 'place', facts: { topic: 'caf', when: { days: ['2026-12-01'], part: 'pm' }, notes: 'x'.repeat(2000) } };

  expect(await turn(state, async (ctx) => { await form.set(ctx, big); })).toBe(1);
  const written = (await store.readDocs(['state:test/conversations/c/']))['state:test/conversations/c/'];
  expect(written.value).toEqual({ form: big });

  // A turn that only reads: one stringify (the comparison), nothing written (same eTag).
  let seen: unknown;
  expect(await turn(state, async (ctx) => { seen = await form.get(ctx); })).toBe(1);
  expect(seen).toEqual(big);
  expect((await store.readDocs(['state:test/conversations/c/']))['state:test/conversations/c/'].eTag).toBe(written.eTag);

  // A change deep inside: written, once, and read back.
  expect(await turn(state, async (ctx) => { (await form.get(ctx))!.facts.topic = 'impots'; })).toBe(1);
  const after = (await store.readDocs(['state:test/conversations/c/']))['state:test/conversations/c/'];
  expect(after.eTag).not.toBe(written.eTag);
  expect((after.value as { form: typeof big }).form.facts.topic).toBe('impots');
});

it('a stored document in another form (not written by us) is compared by value, not trusted as text', async () => {
  const store = memoryStore();
  // Same value, other spacing: the first turn writes it once in our form, then never again.
  await store.writeDocs({ 'state:test/conversations/c/': { value: { form: { step: 'when' } } } });
  (store as unknown as { docs: Map<string, { json: string }> }).docs.get('state:test/conversations/c/')!.json = '{ "form": { "step": "when" } }';
  const state = new LockedConversationState(store);
  const form = state.createProperty<{ step: string }>('form');
  await turn(state, async (ctx) => { expect(await form.get(ctx)).toEqual({ step: 'when' }); });
  const once = (await store.readDocs(['state:test/conversations/c/']))['state:test/conversations/c/'];
  await turn(state, async (ctx) => { await form.get(ctx); });
  expect((await store.readDocs(['state:test/conversations/c/']))['state:test/conversations/c/'].eTag).toBe(once.eTag);
});
