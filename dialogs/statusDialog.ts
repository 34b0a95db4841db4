// "C'est quand mon rdv ?": the person's upcoming bookings, one line each.
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from '../src/bot/dialog-kit';
import { formatDateFr } from '../src/booking/format';
import { homeAddressText } from '../src/notices/compose';
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
    if (!(await sayUpcoming(this.s, step.context))) {
      (await getProfile(this.s, step.context)).offer = 'book';
      await sayKey(step.context, 'status.none');
    }
    return step.endDialog();
  }
}

/** Says the person's upcoming bookings; false when there are none. Also used in the middle of a request. */
export async function sayUpcoming(s: Services, ctx: TurnContext): Promise<boolean> {
  const bookings = await s.person.upcoming(await personOf(s, ctx));
  if (bookings.length === 0) return false;
  const lines = bookings.map((b) => describeBooking(s, b));
  await say(ctx, [t('status.intro', { count: bookings.length }), ...lines].join('\n'));
  return true;
}

export function describeBooking(s: Services, b: Booking): string {
  const place = b.mode === 'home'
    ? t('recap.atHomeOther', { address: homeAddressText(b) || (b.commune?.name ?? '') })
    : s.catalogue.sites.get(b.siteId)?.name ?? b.siteId;
  return t('status.line', {
    date: formatDateFr(b.start), place, ref: b.ref,
    state: t(b.status === 'confirmed' ? 'status.confirmed' : 'status.pending'),
  });
}
