// Conversation state keyed by what the channel proved: an anonymous turn never reads or
// writes the state of the SMS or web conversation whose ids it claims.
import { ConversationState, type TurnContext } from 'botbuilder';
import { isAnonymousTurn } from './identity';

export class ScopedConversationState extends ConversationState {
  override getStorageKey(ctx: TurnContext): string | undefined {
    const key = super.getStorageKey(ctx);
    return key && isAnonymousTurn(ctx) ? `anon/${key}` : key;
  }
}
