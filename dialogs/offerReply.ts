// OUI / NON by SMS to a waiting-list offer ("Une place s'est libérée… La voulez-vous ?").
// Only a bare yes/no from the number the offer went to, when no question of ours is pending.
import type { TurnContext } from 'botbuilder';
import { formatShortFr } from '../src/booking/format';
import { parseYesNo } from '../src/language/answers';
import type { WorkshopService } from '../src/workshops/service';
import { sayKey, senderNumber } from './say';

/** True when the text was the answer to an offer (and has been answered). */
export async function answerOffer(workshops: WorkshopService, ctx: TurnContext, text: string): Promise<boolean> {
  const phone = senderNumber(ctx);
  const yn = parseYesNo(text);
  if (!phone || !yn || text.trim().split(/\s+/).length > 3) return false;
  const r = await workshops.answerOffer(phone, yn === 'yes');
  if (r.kind === 'none') return false;
  const w = r.workshop;
  const vars = { title: w.title, date: formatShortFr(w.start), place: workshops.catalog.sites.get(w.siteId)?.name ?? '' };
  if (r.kind === 'taken') await sayKey(ctx, 'workshop.offerTaken', { ...vars, ref: r.booking.ref });
  else if (r.kind === 'declined') await sayKey(ctx, 'workshop.offerDeclined');
  else await sayKey(ctx, 'workshop.offerLost');
  return true;
}
