import { ConversationState, TurnContext, TestAdapter, type Activity } from 'botbuilder';
import { StoreBotStorage } from '../../src/bot/storage';
import { MemoryStore } from '../../src/store/memory';

describe('StoreBotStorage (botbuilder Storage over the Store)', () => {
  it('reads back what it wrote, with an eTag, and deletes', async () => {
    const storage = new StoreBotStorage(new MemoryStore());
    await storage.write({ a: { n: 1 } });
    const first = await storage.read(['a', 'missing']);
    expect(first).toEqual({ a: { n: 1, eTag: expect.any(String) } });
    await storage.delete(['a']);
    expect(await storage.read(['a'])).toEqual({});
  });

  it('refuses a write based on a stale eTag', async () => {
    const storage = new StoreBotStorage(new MemoryStore());
    await storage.write({ a: { n: 1 } });
    const { a } = await storage.read(['a']);
    await storage.write({ a: { ...a, n: 2 } });
    await expect(storage.write({ a: { ...a, n: 3 } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['a'])).a.n).toBe(2);
  });

  it('botbuilder state classes write with eTag "*": only the conversation lock prevents lost updates', async () => {
    const storage = new StoreBotStorage(new MemoryStore());
    const state = new ConversationState(storage);
    const prop = state.createProperty<number>('count');
    const adapter = new TestAdapter();
    const activity = { type: 'message', channelId: 'test', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } } as Partial<Activity>;
    const one = new TurnContext(adapter, activity);
    const two = new TurnContext(adapter, activity);
    await state.load(one);
    await state.load(two);
    await prop.set(one, 1);
    await prop.set(two, 2);
    await state.saveChanges(one);
    await state.saveChanges(two); // no conflict raised: last writer wins (see bot.ts: withLock)
    const fresh = new TurnContext(adapter, activity);
    await state.load(fresh);
    expect(await prop.get(fresh)).toBe(2);
  });
});
