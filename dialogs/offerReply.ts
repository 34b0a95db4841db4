// OUI / NON by SMS to an offer we sent: a waiting-list seat ("Une place s'est libérée… La
// voulez-vous ?") or an earlier slot ("Un RDV plus tôt s'est libéré…").
//
// One rule decides what a yes/no answers: the most recent question put to the person. A bare
// yes/no (at most 3 words: "oui", "oui je prends", "non merci") from the number an offer went
// to answers that offer when no question of ours is pending, or when the offer was sent after
// the pending question was asked (the conversation's last turn); the interrupted request is
// then asked again. A yes/no to a question asked after the offer goes to that question.
import type { TurnContext } from 'botbuilder';
import { formatShortFr } from '../src/booking/format';
import { parseBareYesNo } from '../src/language/answers';
import type { WorkshopService } from '../src/workshop-service';
import { answerEarlier } from './earlierReply';
import { sayKey, senderNumber } from './say';
import type { Services } from './services';

/** True when the text was the answer to a waiting-list offer (and has been answered). */
export async function answerOffer(workshops: WorkshopService, ctx: TurnContext, text: string): Promise<boolean> {
  const phone = senderNumber(ctx);
  const yn = parseBareYesNo(text);
  if (!phone || !yn) return false;
  const r = await workshops.answerOffer(phone, yn === 'yes');
  if (r.kind === 'none') return false;
  const w = r.workshop;
  const vars = { title: w.title, date: formatShortFr(w.start), place: workshops.catalogue.sites.get(w.siteId)?.name ?? '' };
  if (r.kind === 'taken') await sayKey(ctx, 'workshop.offerTaken', { ...vars, ref: r.booking.ref });
  else if (r.kind === 'declined') await sayKey(ctx, 'workshop.offerDeclined');
  else await sayKey(ctx, 'workshop.offerLost');
  return true;
}

/**
 * Answers the most recent live offer sent to this number after `after` (epoch ms, app clock;
 * undefined: any live offer). True when the text was such an answer.
 */
export async function answerOffers(s: Services, ctx: TurnContext, text: string, after?: number): Promise<boolean> {
  const phone = senderNumber(ctx);
  if (!phone || !parseBareYesNo(text)) return false;
  const [seat, earlier] = await Promise.all([
    s.workshops ? s.workshops.offerFor(phone).then((o) => o?.sentAt ?? null) : null,
    s.earlier ? s.earlier.offerSentAt(phone) : null,
  ]);
  const answers = [
    { sentAt: seat, answer: () => answerOffer(s.workshops!, ctx, text) },
    { sentAt: earlier, answer: () => answerEarlier(s, s.earlier!, ctx, text) },
  ].filter((o): o is { sentAt: number; answer: () => Promise<boolean> } => o.sentAt !== null && (after === undefined || o.sentAt > after))
    .sort((a, b) => b.sentAt - a.sentAt);
  for (const o of answers) if (await o.answer()) return true;
  return false;
}
