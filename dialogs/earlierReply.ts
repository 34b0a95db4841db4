// "Prévenez-moi si un rendez-vous plus tôt se libère" and the OUI/NON to the SMS offer that
// follows (which question a yes/no answers: dialogs/offerReply.ts).
import type { TurnContext } from 'botbuilder';
import type { Booking } from '../src/booking/model';
import { formatShortFr } from '../src/booking/format';
import { t } from '../src/i18n';
import type { EarlierService } from '../src/earlier/service';
import { parseBareYesNo } from '../src/language/answers';
import { sayKey, senderNumber } from './say';
import { personOf, type Services } from './services';
import type { Turn } from './turn';

function placeOf(s: Services, b: Booking): string {
  return b.mode === 'home' ? t('earlier.home') : s.catalogue.sites.get(b.siteId)?.name ?? '';
}

/** The person asks to be told when an earlier slot frees up for their next appointment. */
export async function askEarlier(s: Services, earlier: EarlierService, turn: Turn): Promise<void> {
  const ctx = turn.ctx;
  const next = (await s.person.upcoming(personOf(turn))).find((b) => b.kind !== 'workshop');
  if (!next) { await sayKey(ctx, 'earlier.none'); return; }
  if (await earlier.watching(next.ref)) { await sayKey(ctx, 'earlier.already'); return; }
  const r = await earlier.watch(next);
  if (r === 'ok') await sayKey(ctx, 'earlier.asked', { date: formatShortFr(next.start) });
  else await sayKey(ctx, r === 'too-late' ? 'earlier.tooLate' : 'earlier.none');
}

/** True when the text answered an earlier-slot offer (and has been answered). */
export async function answerEarlier(s: Services, earlier: EarlierService, ctx: TurnContext, text: string): Promise<boolean> {
  const phone = senderNumber(ctx);
  const yn = parseBareYesNo(text);
  if (!phone || !yn) return false;
  const before = (await s.person.upcoming({ phone, refs: [] })).find((b) => b.kind !== 'workshop');
  const r = await earlier.answer(phone, yn === 'yes');
  if (r.kind === 'none') return false;
  if (r.kind === 'moved') await sayKey(ctx, 'earlier.moved', { date: formatShortFr(r.booking.start), place: placeOf(s, r.booking) });
  else if (r.kind === 'declined') await sayKey(ctx, 'earlier.declined', { date: before ? formatShortFr(before.start) : '' });
  else await sayKey(ctx, 'earlier.lost');
  return true;
}
