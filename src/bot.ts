// The bot: one turn = (lock the conversation and read its document) → the dialogs → (write the
// document and release the lock). botbuilder stays at this seam (the adapter's TurnContext);
// the dialogs are plain functions over the document, given by the composition root.
import { ActivityHandler, MessageFactory, type TurnContext } from 'botbuilder';
import { isSms } from './bot/identity';
import { placesPending } from './language/place';
import { t } from './i18n';
import type { ConversationDoc, ConversationDocs } from './bot/state';

/** What answers a message: the global commands, then the conversation of the moment (dialogs/router.ts). */
export interface RootDialog {
  /** `text` is the message cleaned of control characters (also set on ctx.activity.text). */
  message(ctx: TurnContext, doc: ConversationDoc, text: string): Promise<void>;
}

export class BookingBot extends ActivityHandler {
  constructor(private readonly docs: ConversationDocs, private readonly root: RootDialog) {
    super();
    this.onMembersAdded(async (ctx, next) => {
      // Web Chat announces the user joining: greet once. SMS has no such event.
      const joined = (ctx.activity.membersAdded ?? []).some((m) => m.id !== ctx.activity.recipient?.id);
      if (joined && !isSms(ctx)) await ctx.sendActivity(MessageFactory.text(t('welcome.web')));
      await next();
    });
  }

  /**
   * Serialise the turns of one conversation across processes, then run and save: the lock is
   * the state document's own (its scope, so an anonymous caller cannot hold a real
   * conversation's lock), taken with the read and released with the write.
   */
  override async run(ctx: TurnContext): Promise<void> {
    // Whatever locale the client sends, we speak French.
    ctx.activity.locale = 'fr-FR';
    // A turn right after start-up waits for the commune index, outside the conversation lock.
    const places = placesPending();
    if (places) await places;
    // A message goes straight to the dialogs (ActivityHandler's event chain would only call
    // this); every other kind keeps ActivityHandler's answers (members added, invokes).
    await this.docs.runTurn(ctx, () => (ctx.activity.type === 'message' ? this.onText(ctx) : super.run(ctx)));
  }

  /** The document of the turn that ran on this context (the channels read the territory learnt from it). */
  docOf(ctx: TurnContext): ConversationDoc | undefined {
    return this.docs.current(ctx);
  }

  private async onText(ctx: TurnContext): Promise<void> {
    const raw = ctx.activity.text ?? '';
    // Control and bidirectional-override characters: never meaningful in a message, and
    // they could disguise text shown to coordinators.
    // eslint-disable-next-line no-control-regex
    const text = raw.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
    ctx.activity.text = text;
    await this.root.message(ctx, this.docs.current(ctx)!, text);
  }
}
