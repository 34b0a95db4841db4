// "C'est quand mon rdv ?": the person's upcoming bookings, one line each.
import { formatDateFr } from '../src/booking/format';
import { homeAddressText } from '../src/notices/compose';
import { t } from '../src/i18n';
import type { Booking } from '../src/booking/model';
import { say, sayKey } from './say';
import { personOf, type Services } from './services';
import { end, type Turn } from './turn';

/** Says the bookings (or none, and offers one): the conversation ends in the same turn. */
export async function status(s: Services, turn: Turn): Promise<{ end: undefined }> {
  if (!(await sayUpcoming(s, turn))) {
    turn.profile.offer = 'book';
    await sayKey(turn.ctx, 'status.none');
  }
  return end(undefined);
}

/** Says the person's upcoming bookings; false when there are none. Also used in the middle of a request. */
export async function sayUpcoming(s: Services, turn: Turn): Promise<boolean> {
  const bookings = await s.person.upcoming(personOf(turn));
  if (bookings.length === 0) return false;
  const lines = bookings.map((b) => describeBooking(s, b));
  await say(turn.ctx, [t('status.intro', { count: bookings.length }), ...lines].join('\n'));
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
