// Routes each new request (book, status, cancel, menu, helpline) and handles the commands
// that work at any point: AIDE/MENU/0, ANNULER, "parler à quelqu'un".
import { MessageFactory } from 'botbuilder';
import {
  ComponentDialog, DialogTurnStatus, ListStyle, WaterfallDialog,
  type DialogContext, type DialogTurnResult, type WaterfallStepContext,
} from '../src/bot/dialog-kit';
import { classify, isExplicitCancel, type Intent } from '../src/language/intent';
import { normalize } from '../src/language/normalize';
import { isCommand } from '../src/language/commands';
import { parseChoice, parseYesNo } from '../src/language/answers';
import type { Form } from '../src/conversation/form';
import { t } from '../src/i18n';
import { readYesNo, YesNoPrompt } from '../src/bot/yes-no-prompt';
import { BOOKING_DIALOG, BookingDialog, type BookingResult } from './bookingDialog';
import { CANCEL_DIALOG, CancelDialog } from './cancelDialog';
import { MENU_DIALOG, MenuDialog, type MenuResult } from './menuDialog';
import { STATUS_DIALOG, StatusDialog } from './statusDialog';
import { ERASE_DIALOG, EraseDialog } from './eraseDialog';
import { helplineText, isSms, say, sayKey } from './say';
import { getProfile, vals, type Services } from './services';
import { WORKSHOP_DIALOG, WorkshopDialog } from './workshopDialog';
import { answerOffers } from './offerReply';
import { askEarlier } from './earlierReply';
import { wantsEarlier } from '../src/earlier/intent';
import { wantsWorkshop } from '../src/workshops/intent';
import { wantsChange } from '../src/language/change';
import { isNewRequest } from '../src/conversation/new-request';
import { CHANGE_DIALOG, ChangeDialog } from './changeDialog';

export const MAIN_DIALOG = 'main';
const ROUTER = 'router';
const UNCLEAR = 'unclear';

export interface MainOptions {
  text?: string;
  start?: 'booking' | 'status' | 'cancel' | 'menu' | 'erase' | 'change';
  draft?: Form;
  apologise?: boolean;
  /** Misunderstandings so far (the menu gives the number after one more). */
  failures?: number;
}


export class MainDialog extends ComponentDialog {
  constructor(private readonly s: Services) {
    super(MAIN_DIALOG);
    this.addDialog(new BookingDialog(s));
    this.addDialog(new MenuDialog(s));
    this.addDialog(new StatusDialog(s));
    this.addDialog(new CancelDialog(s));
    this.addDialog(new EraseDialog(s));
    this.addDialog(new ChangeDialog(s));
    if (s.workshops) this.addDialog(new WorkshopDialog(s, s.workshops));
    this.addDialog(new YesNoPrompt(UNCLEAR));
    this.addDialog(new WaterfallDialog(ROUTER, [(step) => this.route(step), (step) => this.after(step)]));
    this.initialDialogId = ROUTER;
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: MainOptions): Promise<DialogTurnResult> {
    const r = await super.onBeginDialog(innerDc, options);
    await this.endTurn(innerDc);
    return r;
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const r = (await this.interrupt(innerDc)) ?? (await super.onContinueDialog(innerDc));
    await this.endTurn(innerDc);
    return r;
  }

  /** The time the question now pending (if any) was asked: see answerOffers. */
  private async endTurn(innerDc: DialogContext): Promise<void> {
    if (innerDc.context.activity.type === 'message') (await getProfile(this.s, innerDc.context)).lastTurnAt = this.s.now().getTime();
  }

  /**
   * A yes/no to an offer SMS sent after the pending question was asked: the offer is answered,
   * then the pending question is asked again (the request goes on where it was).
   */
  private async offerAnswered(innerDc: DialogContext, raw: string): Promise<DialogTurnResult | undefined> {
    const asked = (await getProfile(this.s, innerDc.context)).lastTurnAt ?? 0;
    if (!(await answerOffers(this.s, innerDc.context, raw, asked))) return undefined;
    await sayKey(innerDc.context, 'global.resume');
    await innerDc.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }

  /** Commands that leave whatever question is pending. */
  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    if (innerDc.context.activity.type !== 'message') return undefined;
    const raw = innerDc.context.activity.text ?? '';
    const text = normalize(raw);
    // The router waterfall pushes its child onto the same stack: the top is the child.
    const inChild = (id: string) => innerDc.activeDialog?.id === id;
    if (isCommand('help', raw)) {
      if (inChild(MENU_DIALOG)) return undefined; // the menu answers "0" itself
      const draft = this.draftOf(innerDc);
      if (draft) draft.suspended = true; // the chosen slot stays held while the menu is shown
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(ROUTER, { start: 'menu', draft } satisfies MainOptions);
    }
    if (isCommand('erase', raw)) {
      if (inChild(ERASE_DIALOG)) return undefined;
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(ROUTER, { start: 'erase' } satisfies MainOptions);
    }
    const offer = await this.offerAnswered(innerDc, raw);
    if (offer) return offer;
    // "Avez-vous besoin d'aide… OUI ou NON ?" answered with anything else: read it afresh.
    if (inChild(UNCLEAR) && readYesNo(raw) === null) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(ROUTER, { text: raw } satisfies MainOptions);
    }
    const draft = this.draftOf(innerDc);
    // A request barely begun (no need named yet) gives way too.
    if (!draft?.topic && !inChild(MENU_DIALOG)) {
      // "je voudrais changer mon rdv" / a new request in words: whatever was asked before, that.
      const start = !inChild(CHANGE_DIALOG) && wantsChange(raw) ? 'change' : isNewRequest(raw) ? undefined : null;
      if (start !== null) {
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(ROUTER, { text: raw, start } satisfies MainOptions);
      }
    }
    // While a request is being filled in, "je ne peux pas venir lundi" is a constraint: only
    // cancel words stop it.
    const cancels = isCommand('cancel', raw) || (text.split(' ').length <= 6 && classify(text).intent === 'cancel' && (!draft || isExplicitCancel(text)));
    if (cancels) {
      // ANNULER inside the cancellation itself: its question again, from the start.
      await innerDc.cancelAllDialogs();
      if (draft?.topic) {
        await sayKey(innerDc.context, 'booking.stopped');
        return { status: DialogTurnStatus.complete };
      }
      return innerDc.beginDialog(ROUTER, { start: 'cancel' } satisfies MainOptions);
    }
    if (text.split(' ').length <= 8 && classify(text).intent === 'human') {
      const profile = await getProfile(this.s, innerDc.context);
      await say(innerDc.context, helplineText(this.s.catalogue, profile.territory));
      return { status: DialogTurnStatus.waiting };
    }
    return undefined;
  }

  /** The booking form in progress, if the booking dialog is running. */
  private draftOf(innerDc: DialogContext): Form | undefined {
    const booking = innerDc.stack.find((d) => d.id === BOOKING_DIALOG);
    return booking?.state?.form as Form | undefined;
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = (step.options ?? {}) as MainOptions;
    switch (o.start) {
      case 'booking': vals(step).child = BOOKING_DIALOG; return step.beginDialog(BOOKING_DIALOG, { draft: o.draft, text: o.text });
      case 'status': vals(step).child = STATUS_DIALOG; return step.beginDialog(STATUS_DIALOG);
      case 'cancel': vals(step).child = CANCEL_DIALOG; return step.beginDialog(CANCEL_DIALOG);
      case 'erase': vals(step).child = ERASE_DIALOG; return step.beginDialog(ERASE_DIALOG);
      case 'change': vals(step).child = CHANGE_DIALOG; return step.beginDialog(CHANGE_DIALOG, { text: o.text });
      case 'menu': vals(step).child = MENU_DIALOG; return step.beginDialog(MENU_DIALOG, { draft: o.draft, apologise: o.apologise, failures: o.failures });
      default: break;
    }
    const text = o.text ?? step.context.activity.text ?? '';
    // OUI/NON to an offer we sent by SMS (a waiting-list seat, an earlier slot).
    if (await answerOffers(this.s, step.context, text)) return step.endDialog();
    if (this.s.earlier && wantsEarlier(text)) {
      await askEarlier(this.s, this.s.earlier, step.context);
      return step.endDialog();
    }
    if (wantsChange(text)) {
      vals(step).child = CHANGE_DIALOG;
      return step.beginDialog(CHANGE_DIALOG, { text });
    }
    if (this.s.workshops && wantsWorkshop(text)) {
      vals(step).child = WORKSHOP_DIALOG;
      return step.beginDialog(WORKSHOP_DIALOG, { text });
    }
    if (isCommand('erase', text)) {
      vals(step).child = ERASE_DIALOG;
      return step.beginDialog(ERASE_DIALOG);
    }
    // "Répondez 1 pour en prendre un": the offer made in the previous answer.
    const profile = await getProfile(this.s, step.context);
    const offer = profile.offer;
    delete profile.offer;
    if (offer === 'book' && (parseChoice(text, 1) === 1 || parseYesNo(text) === 'yes')) {
      vals(step).child = BOOKING_DIALOG;
      return step.beginDialog(BOOKING_DIALOG, {});
    }
    const { intent } = classify(text);
    // Not understood twice in a row: the menu (whose next miss gives the team's number).
    profile.misses = intent === 'unknown' ? (profile.misses ?? 0) + 1 : 0;
    if (profile.misses >= 2) {
      vals(step).child = MENU_DIALOG;
      return step.beginDialog(MENU_DIALOG, { apologise: true, failures: 2 });
    }
    return this.routeIntent(step, intent, text);
  }

  private async routeIntent(step: WaterfallStepContext, intent: Intent, text: string): Promise<DialogTurnResult> {
    switch (intent) {
      case 'greeting':
        await sayKey(step.context, isSms(step.context) ? 'welcome.hello' : 'welcome.web');
        vals(step).child = BOOKING_DIALOG;
        return step.beginDialog(BOOKING_DIALOG, { text });
      case 'book':
        vals(step).child = BOOKING_DIALOG;
        return step.beginDialog(BOOKING_DIALOG, { text });
      case 'status':
        vals(step).child = STATUS_DIALOG;
        return step.beginDialog(STATUS_DIALOG);
      case 'cancel':
        vals(step).child = CANCEL_DIALOG;
        return step.beginDialog(CANCEL_DIALOG);
      case 'help':
        vals(step).child = MENU_DIALOG;
        return step.beginDialog(MENU_DIALOG, {});
      case 'human': {
        const profile = await getProfile(this.s, step.context);
        await say(step.context, helplineText(this.s.catalogue, profile.territory));
        return step.endDialog();
      }
      case 'thanks':
        await sayKey(step.context, 'global.thanks');
        return step.endDialog();
      default:
        vals(step).child = UNCLEAR;
        return step.prompt(UNCLEAR, {
          prompt: MessageFactory.text(t('global.unclear')),
          retryPrompt: MessageFactory.text(t('retry.consent')),
          style: ListStyle.none,
        });
    }
  }

  private async after(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const child = vals(step).child as string | undefined;
    if (child === BOOKING_DIALOG) {
      const r = step.result as BookingResult | undefined;
      if (r?.outcome === 'menu') return step.replaceDialog(ROUTER, { start: 'menu', draft: r.draft, apologise: true } satisfies MainOptions);
    }
    if (child === MENU_DIALOG) {
      const r = (step.result ?? {}) as MenuResult;
      if (r.next) return step.replaceDialog(ROUTER, { start: r.next, draft: r.draft, text: r.text } satisfies MainOptions);
    }
    if (child === UNCLEAR) {
      if (step.result === true) return step.replaceDialog(ROUTER, { start: 'booking' } satisfies MainOptions);
      await sayKey(step.context, 'global.unclearNo');
    }
    return step.endDialog();
  }
}
