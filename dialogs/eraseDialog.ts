// "SUPPRIMER": after a yes, upcoming bookings are cancelled and the person's name and number
// are erased from every booking of theirs. Coordinators see it in each booking's audit trail.
import { MessageFactory } from 'botbuilder';
import { ComponentDialog, ConfirmPrompt, ListStyle, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { isUpcoming, transitionSources } from '../src/booking/lifecycle';
import type { Booking } from '../src/booking/model';
import { t } from '../src/i18n';
import { yesNoValidator } from './cancelDialog';
import { sayKey, senderNumber } from './say';
import { getProfile, type Services } from './services';

export const ERASE_DIALOG = 'erase';
const CONFIRM = 'eraseConfirm';

export class EraseDialog extends ComponentDialog {
  constructor(private readonly s: Services) {
    super(ERASE_DIALOG);
    this.addDialog(new ConfirmPrompt(CONFIRM, yesNoValidator, 'fr-FR'));
    this.addDialog(new WaterfallDialog('eraseSteps', [
      (step) => step.prompt(CONFIRM, {
        prompt: MessageFactory.text(t('erase.confirm')),
        retryPrompt: MessageFactory.text(t('retry.consent')),
        style: ListStyle.none,
      }),
      (step) => this.apply(step),
    ]));
    this.initialDialogId = 'eraseSteps';
  }

  private async apply(step: WaterfallStepContext) {
    if (step.result !== true) {
      await sayKey(step.context, 'erase.kept');
      return step.endDialog();
    }
    const bookings = await this.mine(step);
    const now = this.s.now().getTime();
    let cancelled = 0;
    for (const b of bookings) {
      if (isUpcoming(b, now)) {
        const r = await this.s.store.transition(b.ref, transitionSources('cancelled'), 'cancelled');
        if (r.ok && r.changed) {
          cancelled += 1;
          await this.s.audit.append(b, r.booking, 'cancel', { kind: 'beneficiary' }, t('erase.auditReason'));
        }
      }
      await this.s.store.eraseBooking(b.ref);
    }
    const profile = await getProfile(this.s, step.context);
    profile.refs = [];
    this.s.logger.info('personal data erased on request', { bookings: bookings.length, cancelled });
    if (cancelled === 0) await sayKey(step.context, 'erase.doneNone');
    else await sayKey(step.context, 'erase.done', { count: cancelled });
    return step.endDialog();
  }

  /** Every booking of this number (SMS) or made in this conversation (web). */
  private async mine(step: WaterfallStepContext): Promise<Booking[]> {
    const phone = senderNumber(step.context);
    const found = phone ? await this.s.store.bookingsByPhone(phone) : [];
    const known = new Set(found.map((b) => b.ref));
    const profile = await getProfile(this.s, step.context);
    for (const ref of profile.refs) {
      if (known.has(ref)) continue;
      const b = await this.s.store.getBooking(ref);
      if (b) found.push(b);
    }
    return found;
  }
}
