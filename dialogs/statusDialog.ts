// "C'est quand mon rdv ?": the person's upcoming bookings, one line each.
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { formatDateFr } from '../src/booking/format';
import { t } from '../src/i18n';
import type { Booking } from '../src/booking/model';
import { say, sayKey } from './say';
import { getProfile, personOf, type Services } from './services';

export const STATUS_DIALOG = 'status';

export class StatusDialog extends ComponentDialog {
  constructor(private readonly s: Services) {
    super(STATUS_DIALOG);
    this.addDialog(new WaterfallDialog('statusSteps', [(step) => this.list(step)]));
    this.initialDialogId = 'statusSteps';
  }

  private async list(step: WaterfallStepContext) {
    const bookings = await this.s.person.upcoming(await personOf(this.s, step.context));
    if (bookings.length === 0) {
      (await getProfile(this.s, step.context)).offer = 'book';
      await sayKey(step.context, 'status.none');
      return step.endDialog();
    }
    const lines = bookings.map((b) => describeBooking(this.s, b));
    await say(step.context, [t('status.intro', { count: bookings.length }), ...lines].join('\n'));
    return step.endDialog();
  }
}

export function describeBooking(s: Services, b: Booking): string {
  const place = b.mode === 'home'
    ? t('recap.atHomeOther', { commune: b.commune?.name ?? '' })
    : s.catalog.sites.get(b.siteId)?.name ?? b.siteId;
  return t('status.line', {
    date: formatDateFr(b.start), place, ref: b.ref,
    state: t(b.status === 'confirmed' ? 'status.confirmed' : 'status.pending'),
  });
}
