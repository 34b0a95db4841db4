// The conversation's state: one plain JSON document per conversation, keyed by what the channel
// proved (an anonymous turn never reads or writes the state of the SMS or web conversation whose
// ids it claims). One turn = one locked read-modify-write of it (two Redis round trips: lock +
// read, write + unlock; see DocumentsPort.withLockedDoc): parsed once when the lock is taken, handed to
// the turn as is (no copy), serialised once at the end, and written only when that text differs
// from the one the store read.
import type { TurnContext } from 'botbuilder';
import type { Store } from '../store/store';
import { isAnonymousTurn } from './identity';

/** The document itself: the dialogs own its keys (dialogs/state.ts). */
export type ConversationDoc = Record<string, unknown>;

const DOC = Symbol('cx.conversationDoc');

/** The storage key of a turn's conversation (the one botbuilder's ConversationState used, so documents written before stay found). */
export function conversationKey(ctx: TurnContext): string {
  const a = ctx.activity;
  if (!a.channelId) throw new Error('conversation state: missing activity.channelId');
  if (!a.conversation?.id) throw new Error('conversation state: missing activity.conversation.id');
  const key = `${a.channelId}/conversations/${a.conversation.id}/`;
  return isAnonymousTurn(ctx) ? `anon/${key}` : key;
}

export class ConversationDocs {
  constructor(private readonly store: Pick<Store, 'documents'>, private readonly docPrefix = 'state:') {}

  /** Run one turn under the conversation's lock over its document, then save what it changed. */
  async runTurn(ctx: TurnContext, fn: (doc: ConversationDoc) => Promise<void>): Promise<void> {
    await this.store.documents.withLockedDoc(this.docPrefix + conversationKey(ctx), async (turn) => {
      const value = turn.doc?.value;
      const plain = value !== null && typeof value === 'object' && !Array.isArray(value);
      const doc = plain ? value as ConversationDoc : {};
      // The stored text is the baseline: a document written by another program (other spacing)
      // just compares unequal once and is rewritten in our form.
      const before = plain ? turn.doc!.json : '{}';
      ctx.turnState.set(DOC, doc);
      await fn(doc);
      const after = JSON.stringify(doc);
      if (after !== before) await turn.saveAndRelease(doc, turn.doc?.eTag, after);
    });
  }

  /** The document of the turn running on this context (after it, as it was saved). */
  current(ctx: TurnContext): ConversationDoc | undefined {
    return ctx.turnState.get(DOC) as ConversationDoc | undefined;
  }
}
