// "ANNULER" with no request in progress: cancel an upcoming booking after a yes/no.
import { MessageFactory } from 'botbuilder';
import {
  ComponentDialog, ListStyle, TextPrompt, WaterfallDialog,
  type WaterfallStepContext,
} from '../src/bot/dialog-kit';
import { formatDateFr } from '../src/booking/format';
import { parseChoice } from '../src/language/answers';
import { t } from '../src/i18n';
import { YesNoPrompt } from '../src/bot/yes-no-prompt';
import type { Booking } from '../src/booking/model';
import { numbered, sayKey } from './say';
import { personOf, vals, type Services } from './services';

export const CANCEL_DIALOG = 'cancel';
const CONFIRM = 'cancelConfirm';
const WHICH = 'cancelWhich';

export class CancelDialog extends ComponentDialog {
  constructor(private readonly s: Services) {
    super(CANCEL_DIALOG);
    this.addDialog(new YesNoPrompt(CONFIRM));
    this.addDialog(new TextPrompt(WHICH, async (pc) => {
      const count = (pc.options.validations as { count: number }).count;
      return parseChoice(pc.recognized.value ?? '', count) !== null;
    }));
    this.addDialog(new WaterfallDialog('cancelSteps', [
      (step) => this.pick(step),
      (step) => this.confirm(step),
      (step) => this.apply(step),
    ]));
    this.initialDialogId = 'cancelSteps';
  }

  private async pick(step: WaterfallStepContext) {
    const bookings = await this.s.person.upcoming(await personOf(this.s, step.context));
    vals(step).bookings = bookings;
    if (bookings.length === 0) {
      await sayKey(step.context, 'cancel.none');
      return step.endDialog();
    }
    if (bookings.length === 1) return step.next('1');
    const text = `${t('cancel.which')}\n${numbered(bookings.map((b) => formatDateFr(b.start)))}`;
    return step.prompt(WHICH, {
      prompt: MessageFactory.text(text),
      retryPrompt: MessageFactory.text(`${t('retry.change')}\n${numbered(bookings.map((b) => formatDateFr(b.start)))}`),
      validations: { count: bookings.length },
    });
  }

  private async confirm(step: WaterfallStepContext) {
    const bookings = vals(step).bookings as Booking[];
    const n = parseChoice(String(step.result), bookings.length) ?? 1;
    const booking = bookings[n - 1];
    vals(step).ref = booking.ref;
    return step.prompt(CONFIRM, {
      prompt: MessageFactory.text(t('cancel.confirmOne', { date: formatDateFr(booking.start) })),
      retryPrompt: MessageFactory.text(t('retry.consent')),
      style: ListStyle.none,
    });
  }

  private async apply(step: WaterfallStepContext) {
    if (step.result !== true) {
      await sayKey(step.context, 'cancel.kept');
      return step.endDialog();
    }
    const r = await this.s.person.cancel(await personOf(this.s, step.context), vals(step).ref as string);
    if (!r.ok) await sayKey(step.context, 'cancel.failed');
    else await sayKey(step.context, 'cancel.done', { date: formatDateFr(r.booking.start) });
    return step.endDialog();
  }
}
