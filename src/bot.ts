// The bot: one turn = (lock the conversation) → global commands → main dialog → save state.
import { ActivityHandler, type StatePropertyAccessor, type TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import { DialogSet, type DialogState } from './bot/dialog-kit';
import { MAIN_DIALOG, MainDialog, type MainOptions } from '../dialogs/mainDialog';
import { isSms, say, sayKey, senderNumber } from '../dialogs/say';
import type { Services } from '../dialogs/services';
import { smsBodies } from './channels/sms-text';
import { looksLikeSecret } from './language/secrets';
import { isStartCommand, isStopCommand } from './language/commands';
import { readOptOut } from './language/optout';
import { parseYesNo } from './language/answers';
import { placesPending } from './language/place';
import { t } from './i18n';
import type { LockedConversationState } from './bot/state';

export const MAX_TEXT = 1600;

export class BookingBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  /** "Voulez-vous ne plus recevoir de SMS ?" was asked last turn: the answer decides. */
  private readonly optOutAsked: StatePropertyAccessor<boolean>;

  constructor(private readonly conversationState: LockedConversationState, private readonly s: Services) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.optOutAsked = conversationState.createProperty<boolean>('optOutAsked');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(new MainDialog(s));

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
    // A call's replies are spoken, not texted: no GSM-7 merge (the voice channel renders them).
    const flush = ctx.activity.channelId === 'sms' ? bufferSmsReplies(ctx) : undefined;
    // A turn right after start-up waits for the commune index, outside the conversation lock.
    const places = placesPending();
    if (places) await places;
    try {
      await this.conversationState.runTurn(ctx, () => super.run(ctx));
    } finally {
      if (flush) await flush();
    }
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
      await say(ctx, t('global.secret'));
      return;
    }

    const dc = await this.dialogs.createContext(ctx);
    const result = await dc.continueDialog();
    if (result.status === 'empty') await dc.beginDialog(MAIN_DIALOG, { text } satisfies MainOptions);
  }
}

/** SMS: hold this turn's replies and send them merged, GSM-7 only, at the end of the turn. */
function bufferSmsReplies(ctx: TurnContext): () => Promise<void> {
  const texts: string[] = [];
  let flushing = false;
  ctx.onSendActivities(async (_c, activities: Partial<Activity>[], next): Promise<ResourceResponse[]> => {
    if (flushing) return next();
    const passThrough = activities.filter((a) => a.type !== 'message');
    for (const a of activities) if (a.type === 'message' && a.text) texts.push(a.text);
    if (passThrough.length) await _c.sendActivities(passThrough);
    return activities.map(() => ({ id: '' }));
  });
  return async () => {
    flushing = true;
    const bodies = smsBodies(texts);
    if (bodies.length) await ctx.sendActivities(bodies.map((text) => ({ type: 'message', text })));
  };
}
