// Conversation state keyed by what the channel proved: an anonymous turn never reads or
// writes the state of the SMS or web conversation whose ids it claims.
import { ConversationState, type TurnContext } from 'botbuilder';
import type { Store } from '../store/store';
import { isAnonymousTurn } from './identity';
import { StoreBotStorage } from './storage';

export class ScopedConversationState extends ConversationState {
  override getStorageKey(ctx: TurnContext): string | undefined {
    const key = super.getStorageKey(ctx);
    return key && isAnonymousTurn(ctx) ? `anon/${key}` : key;
  }
}

interface Cached { state: Record<string, unknown>; eTag: string | undefined; json: string }

const EMPTY = '{}'; // body({})

/** The state without its eTag, as JSON: what decides whether the turn changed it. */
function body(state: Record<string, unknown>): string {
  const { eTag: _e, ...rest } = state;
  return JSON.stringify(rest);
}

/**
 * A turn of a conversation as one locked read-modify-write of its state document (two Redis
 * round trips: lock + read, write + unlock; see Store.withLockedDoc). The document read with
 * the lock primes this turn's cache, so botbuilder never reads it again; it is written back
 * only when the turn changed it, with the eTag it was read with. Change detection compares
 * JSON text (BotState hashes a replacer-driven stringify with SHA-256, three times a turn):
 * the text the store read against the one serialisation at the end, which is also what the
 * store writes — one JSON.parse and one JSON.stringify of the state per turn.
 */
export class LockedConversationState extends ScopedConversationState {
  private readonly cacheKey = Symbol('cx.conversationState');

  constructor(private readonly store: Store, private readonly docPrefix = 'state:') {
    super(new StoreBotStorage(store, docPrefix));
  }

  /** Run one turn under the conversation's lock, then save what it changed. */
  async runTurn(ctx: TurnContext, fn: () => Promise<void>): Promise<void> {
    const key = this.getStorageKey(ctx);
    if (!key) throw new Error('conversation state: missing activity.channelId or activity.conversation.id');
    await this.store.withLockedDoc(this.docPrefix + key, async (turn) => {
      const value = turn.doc?.value;
      // The parse is this turn's own: no copy needed. The stored text is the state's body
      // (what saveAndRelease wrote); one written by another program just compares unequal once.
      const plain = value !== null && typeof value === 'object' && !Array.isArray(value);
      const state = plain ? value as Record<string, unknown> : {};
      const json = !turn.doc ? EMPTY : plain && !('eTag' in state) ? turn.doc.json : body(state);
      ctx.turnState.set(this.cacheKey, { state, eTag: turn.doc?.eTag, json } satisfies Cached);
      await fn();
      const cached = ctx.turnState.get(this.cacheKey) as Cached | undefined;
      if (!cached) return; // deleted during the turn
      const after = body(cached.state);
      if (after === cached.json) return;
      const { eTag: _e, ...rest } = cached.state;
      await turn.saveAndRelease(rest, cached.eTag, after);
      cached.json = after;
    });
  }

  override async load(ctx: TurnContext, force = false): Promise<Record<string, unknown>> {
    const cached = ctx.turnState.get(this.cacheKey) as Cached | undefined;
    if (cached && !force) return cached.state;
    // Outside runTurn (tools, tests): a plain read through the storage.
    const key = this.getStorageKey(ctx);
    if (!key) throw new Error('conversation state: missing activity.channelId or activity.conversation.id');
    const items = await this.storage.read([key]);
    const state = (items[key] ?? {}) as Record<string, unknown>;
    const eTag = typeof state.eTag === 'string' ? state.eTag : undefined;
    ctx.turnState.set(this.cacheKey, { state, eTag, json: body(state) } satisfies Cached);
    return state;
  }

  override async saveChanges(ctx: TurnContext, force = false): Promise<void> {
    // Outside runTurn: botbuilder's rule, an unconditional write when changed.
    let cached = ctx.turnState.get(this.cacheKey) as Cached | undefined;
    if (!cached && !force) return;
    cached ??= { state: {}, eTag: undefined, json: '' };
    const json = body(cached.state);
    if (!force && json === cached.json) return;
    const key = this.getStorageKey(ctx);
    if (!key) throw new Error('conversation state: missing activity.channelId or activity.conversation.id');
    await this.storage.write({ [key]: { ...cached.state, eTag: '*' } });
    cached.json = json;
    ctx.turnState.set(this.cacheKey, cached);
  }

  override async clear(ctx: TurnContext): Promise<void> {
    const cached = ctx.turnState.get(this.cacheKey) as Cached | undefined;
    ctx.turnState.set(this.cacheKey, { state: {}, eTag: cached?.eTag, json: '' } satisfies Cached);
  }

  override async delete(ctx: TurnContext): Promise<void> {
    ctx.turnState.delete(this.cacheKey);
    const key = this.getStorageKey(ctx);
    if (key) await this.storage.delete([key]);
  }

  override get(ctx: TurnContext): Record<string, unknown> | undefined {
    return (ctx.turnState.get(this.cacheKey) as Cached | undefined)?.state;
  }
}
