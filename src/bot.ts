// The bot: one turn = (lock the conversation) → global commands → main dialog → save state.
import { ActivityHandler, MessageFactory, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, type Dialog, type DialogState } from './bot/dialog-kit';
import { isSms, markOptedOut, senderNumber } from './bot/identity';
import type { Store } from './store/store';
import { looksLikeSecret } from './language/secrets';
import { isStartCommand, isStopCommand } from './language/commands';
import { readOptOut } from './language/optout';
import { parseYesNo } from './language/answers';
import { placesPending } from './language/place';
import { t } from './i18n';
import type { LockedConversationState } from './bot/state';

export const MAX_TEXT = 1600;

/** How the bot begins the root dialog: with the person's first words. */
export interface RootOptions { text: string }

/** What the bot needs, built by the composition root (src/app.ts) — it builds no dialog itself. */
export interface BotDeps {
  /** Opt-outs (STOP/START) are the bot's, before any dialog. */
  store: Pick<Store, 'isOptedOut' | 'setOptOut'>;
  /** The dialog a new conversation begins with (dialogs/mainDialog.ts). */
  root: Dialog<RootOptions>;
}

/** The bot's own short answers: plain text, from the locale file. */
async function sayKey(ctx: TurnContext, key: string): Promise<void> {
  await ctx.sendActivity(MessageFactory.text(t(key)));
}

export class BookingBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  /** "Voulez-vous ne plus recevoir de SMS ?" was asked last turn: the answer decides. */
  private readonly optOutAsked: StatePropertyAccessor<boolean>;

  constructor(private readonly conversationState: LockedConversationState, private readonly s: BotDeps) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.optOutAsked = conversationState.createProperty<boolean>('optOutAsked');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(s.root);

    this.onMessage(async (ctx, next) => {
      await this.onText(ctx);
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      // Web Chat announces the user joining: greet once. SMS has no such event.
      const joined = (ctx.activity.membersAdded ?? []).some((m) => m.id !== ctx.activity.recipient?.id);
      if (joined && !isSms(ctx)) await sayKey(ctx, 'welcome.web');
      await next();
    });
  }

  /**
   * Serialise the turns of one conversation across processes, then run and save: the lock is
   * the state document's own (its scope, so an anonymous caller cannot hold a real
   * conversation's lock), taken with the read and released with the write.
   */
  override async run(ctx: TurnContext): Promise<void> {
    // Prompts follow the activity's locale: whatever the client sends, we speak French.
    ctx.activity.locale = 'fr-FR';
    // A turn right after start-up waits for the commune index, outside the conversation lock.
    const places = placesPending();
    if (places) await places;
    await this.conversationState.runTurn(ctx, () => super.run(ctx));
  }

  private async onText(ctx: TurnContext): Promise<void> {
    const raw = ctx.activity.text ?? '';
    // Control and bidirectional-override characters: never meaningful in a message, and
    // they could disguise text shown to coordinators.
    // eslint-disable-next-line no-control-regex
    const text = raw.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
    ctx.activity.text = text;
    const number = senderNumber(ctx);

    if (number && isStartCommand(text)) {
      await this.s.store.setOptOut(number, false);
      await sayKey(ctx, 'global.start');
      return;
    }
    if (number && (await this.s.store.isOptedOut(number))) return; // no message of any kind
    // Opting out in any words, with the same effect as the exact STOP; a doubtful one is asked.
    const asked = await this.optOutAsked.get(ctx, false);
    if (asked) await this.optOutAsked.delete(ctx);
    const answer = asked ? parseYesNo(text) : null;
    const optOut = isStopCommand(text) ? 'stop' : readOptOut(text);
    if (optOut === 'stop' || answer === 'yes') {
      if (number) await this.s.store.setOptOut(number, true);
      markOptedOut(ctx);
      await this.dialogs.createContext(ctx).then((dc) => dc.cancelAllDialogs());
      await sayKey(ctx, 'global.stop');
      return;
    }
    if (answer === 'no') {
      // Kept: the request in progress goes on where it was.
      const dc = await this.dialogs.createContext(ctx);
      await sayKey(ctx, dc.activeDialog ? 'optout.keptResume' : 'optout.kept');
      if (dc.activeDialog) await dc.repromptDialog();
      return;
    }
    if (optOut === 'ask' && !asked) {
      await this.optOutAsked.set(ctx, true);
      await sayKey(ctx, 'optout.ask');
      return;
    }
    if (!text) { await sayKey(ctx, 'global.empty'); return; }
    if (text.length > MAX_TEXT) { await sayKey(ctx, 'global.tooLong'); return; }
    if (looksLikeSecret(text)) {
      // Never kept: the text goes nowhere, not even into the dialog state.
      ctx.activity.text = '';
      await sayKey(ctx, 'global.secret');
      return;
    }

    const dc = await this.dialogs.createContext(ctx);
    const result = await dc.continueDialog();
    if (result.status === 'empty') await dc.beginDialog(this.s.root.id, { text } satisfies RootOptions);
  }
}
