// Booking: need → for whom → where → when → proposals → name and phone → recap → pending.
// A custom dialog rather than a waterfall: people give several facts in one message and
// correct earlier answers, so every turn fills whatever it can and asks what is missing.
import type { TurnContext } from 'botbuilder';
import { TOPIC_IDS, type Channel, type Slot } from '../src/booking/model';
import { shownKey } from '../src/booking/proposals';
import { emptyForm, nextQuestion, withPlace, withWhen, type Form, type Question } from '../src/conversation/form';
import { formatDateFr, formatDayFr, formatShortFr } from '../src/booking/format';
import { findPlace } from '../src/language/place';
import { normalize, words } from '../src/language/normalize';
import { parsePhone } from '../src/language/phone';
import { isAnonymousTurn } from '../src/bot/identity';
import { parseChoice, parseName, parseYesNo, isHomeVisitRequest } from '../src/language/answers';
import { sideQuestion, type SideQuestion } from '../src/language/questions';
import { statedConsent } from '../src/language/consent';
import { readContact } from '../src/language/contact';
import { classify } from '../src/language/intent';
import { sayUpcoming } from './statusDialog';
import { matchProposal } from '../src/conversation/proposal-reply';
import { t } from '../src/i18n';
import { noteBooked } from '../src/bot/booked';
import type { Services } from './services';
import { end, wait, type Conversation, type Step, type Turn } from './turn';
import { absorbHomeAddress, askHomeAddress, phoneEnding } from './homeAddressStep';
import { homeAddressText, placeAt, siteAddress, siteNameIn } from '../src/notices/compose';
import { fitOneSegment } from '../src/sms-text/fit';
import { fitChoices, helplineNumber, isSms, say, sayKey, senderNumber, siteCard } from './say';
import { sayFallback } from './fallback';
import { describeSlot, placeWords } from './slotText';
import { isNewRequest } from '../src/conversation/new-request';
import { readingOf } from '../src/conversation/when-choice';

export interface BookingOptions {
  /** The message that started the booking: its facts are kept. */
  text?: string;
  /** A request interrupted by the menu, to resume. */
  draft?: Form;
}

export type BookingResult =
  | { outcome: 'booked'; ref: string }
  | { outcome: 'menu'; draft: Form }
  | { outcome: 'ended' };

type Absorbed = { progressed: boolean; end?: Step<Form, BookingResult> };

const CHANGE_CHOICES = ['changeWhen', 'changePlace', 'changeName', 'changePhone', 'changeNothing'] as const;

export function bookingConversation(s: Services): Conversation<Form, BookingOptions, BookingResult> {
  const steps = new BookingSteps(s);
  return {
    async begin(turn, options) {
      const form = options.draft ?? emptyForm();
      delete form.suspended;
      if (options.text) {
        const r = await steps.absorb(turn, form, options.text, true);
        if (r.end) return r.end;
      }
      return steps.askNext(turn, form);
    },
    async continue(turn, form) {
      const r = await steps.absorb(turn, form, turn.text, false);
      if (r.end) return r.end;
      if (!r.progressed) return steps.misunderstood(turn, form);
      form.failures = 0;
      return steps.askNext(turn, form);
    },
    async reprompt(turn, form) {
      if (form.awaiting) await steps.ask(turn.ctx, form, form.awaiting);
    },
    // Release a held slot when the request is left (ANNULER, STOP, a new request). Behind the
    // menu ("AIDE" → "Reprendre ma demande") the slot stays held; the hold's TTL frees it otherwise.
    async leave(form) {
      const chosen = form.chosen;
      if (chosen && !form.suspended) await s.person.release(chosen.slot, chosen.holdId).catch(() => undefined);
    },
  };
}

/** The booking's steps: each reads the answer into the form, or says what is asked next. */
class BookingSteps {
  constructor(private readonly s: Services) {}

  // ---- understanding one message -------------------------------------------------------

  async absorb(turn: Turn, form: Form, text: string, initial: boolean): Promise<Absorbed> {
    const awaiting = initial ? null : form.awaiting;
    // "c'est combien ?", "ça se trouve où ?": answered; the pending question is asked again.
    const side = awaiting ? sideQuestion(text) : null;
    if (side) {
      await this.answerSide(turn, form, side);
      return { progressed: true };
    }
    // "c'est toujours bon pour jeudi ?" in the middle of a new request: the bookings, then the question again.
    if (awaiting && !['name', 'recap', 'consent', 'noHome'].includes(awaiting) && classify(text).intent === 'status') {
      if (!(await sayUpcoming(this.s, turn))) await sayKey(turn.ctx, 'status.noneYet');
      return { progressed: true };
    }
    // "non en fait c'est pour ma mère...", "non, mettez jeudi à la place": a correction, not a bare no.
    if (awaiting && ['recap', 'consent', 'noHome', 'change'].includes(awaiting)) {
      const rest = afterNo(text);
      if (rest) {
        const before = JSON.stringify([form.topic, form.forOther, form.place?.insee, form.when, form.homeVisit]);
        const r = await this.extractFacts(turn, form, rest, null);
        if (r.end) return r;
        if (JSON.stringify([form.topic, form.forOther, form.place?.insee, form.when, form.homeVisit]) !== before) return { progressed: true };
      }
    }
    // "je voudrais un rendez-vous pour ma retraite" at any question: a request, not an answer.
    if (awaiting && awaiting !== 'topic' && isNewRequest(text)) return { progressed: true, end: (await this.extractFacts(turn, form, text, null)).end };
    switch (awaiting) {
      case 'topic': {
        const n = parseChoice(text, TOPIC_IDS.length);
        if (n) { form.topic = TOPIC_IDS[n - 1]; return { progressed: true }; }
        break;
      }
      case 'forWhom': {
        const n = parseChoice(text, 2);
        if (n) { form.forOther = n === 2; return { progressed: true }; }
        break;
      }
      case 'placeChoice': {
        const n = parseChoice(text, form.placeCandidates?.length ?? 0);
        const cand = n ? form.placeCandidates![n - 1] : undefined;
        const found = cand ? findPlace(`${cand.postcode} ${cand.commune}`, this.s.catalogue) : null;
        if (found?.status === 'found') {
          Object.assign(form, withPlace(form, found));
          return { progressed: true };
        }
        break;
      }
      case 'whenChoice': {
        const n = parseChoice(text, form.whenOptions?.length ?? 0);
        if (n) { Object.assign(form, withWhen(form, form.whenOptions![n - 1])); return { progressed: true }; }
        break;
      }
      case 'proposal': {
        const list = form.proposals ?? [];
        const reply = matchProposal(text, list.map((slot) => ({ start: slot.start, placeWords: placeWords(this.s.catalogue, slot, form.place?.commune) })), this.s.now());
        if (reply.kind === 'choose') return this.choose(turn, form, list[reply.index]!);
        if (reply.kind === 'which') {
          // Two proposals fit ("à 14 h"): show just those, never pick one at random.
          form.proposals = reply.indexes.map((i) => list[i]!);
          return { progressed: true };
        }
        if (reply.kind === 'other' || reply.kind === 'more') {
          // Other proposals: never the ones already shown.
          const shown = form.shown ?? [];
          Object.assign(form, withWhen(form, reply.kind === 'other' ? reply.window : form.when ?? { any: true }), { shown, more: reply.kind === 'more' });
          return { progressed: true };
        }
        break;
      }
      case 'noHome': {
        const yn = yesOrNo(text);
        if (yn === 'yes') { form.homeVisit = false; form.proposals = null; return { progressed: true }; }
        if (yn === 'no') {
          await sayKey(turn.ctx, 'booking.noHomeDeclined', { helpline: helplineNumber(this.s.catalogue, form.place?.territory) });
          return { progressed: true, end: end<BookingResult>({ outcome: 'ended' }) };
        }
        return { progressed: false };
      }
      case 'address':
        // The volunteer goes there: checked against the commune (dialogs/homeAddressStep.ts).
        return { progressed: await absorbHomeAddress(turn.ctx, form, text, this.s.catalogue) };
      case 'name': {
        if (!form.forOther) {
          const name = parseName(text);
          if (name) { form.name = name; return { progressed: true }; }
          return { progressed: false };
        }
        // A relative may add the person's mobile and agreement: those questions are then not asked.
        const contact = readContact(text);
        if (!contact.name) return { progressed: false };
        form.name = contact.name;
        if (contact.phone?.status === 'mobile') {
          form.phone = contact.phone.e164;
          if (contact.consent) form.smsConsent = contact.consent === 'yes';
        }
        return { progressed: true };
      }
      case 'phone': {
        const p = parsePhone(text);
        if (p?.status === 'mobile') {
          form.phone = p.e164;
          // "06 …, elle est d'accord": the relative's explicit word is the consent (no separate question).
          const stated = form.forOther ? statedConsent(text) : null;
          if (stated) form.smsConsent = stated === 'yes';
          return { progressed: true };
        }
        if (p?.status === 'landline') {
          await sayKey(turn.ctx, 'retry.phoneLandline');
          return { progressed: true }; // a clear question was asked; not a misunderstanding
        }
        return { progressed: false };
      }
      case 'consent': {
        const yn = yesOrNo(text);
        if (yn) { form.smsConsent = yn === 'yes'; return { progressed: true }; }
        return { progressed: false };
      }
      case 'recap': {
        const yn = yesOrNo(text);
        if (yn === 'yes') return this.commit(turn, form);
        if (yn === 'no') { form.awaiting = 'change'; await this.ask(turn.ctx, form, 'change'); return { progressed: true, end: wait(form) }; }
        return { progressed: false };
      }
      case 'change': {
        const n = parseChoice(text, CHANGE_CHOICES.length);
        if (!n) return { progressed: false };
        return this.change(turn, form, CHANGE_CHOICES[n - 1]);
      }
      default:
        break;
    }
    return this.extractFacts(turn, form, text, awaiting);
  }

  /** Everything a free sentence can say: topic, for whom, where, when. */
  private async extractFacts(turn: Turn, form: Form, text: string, awaiting: Question | null): Promise<Absorbed> {
    const u = turn.understand(text);
    let progressed = false;
    if (u.topic && (!form.topic || awaiting === 'topic' || awaiting === null)) {
      // Another need: other volunteers, so the slots found for the first one do not count.
      if (form.topic && form.topic !== u.topic) { await this.release(form); form.proposals = null; }
      form.topic = u.topic;
      progressed ||= awaiting === 'topic';
    }
    if (u.forOther === true && form.forOther === false && awaiting !== 'forWhom') {
      // "non, c'est pour ma mère": whom it is for changed; the name and phone were the writer's.
      form.forOther = true; form.name = null; form.phone = null; form.smsConsent = null;
      progressed = true;
    }
    if (form.forOther === null || awaiting === 'forWhom') {
      if (u.forOther !== null) { form.forOther = u.forOther; progressed ||= awaiting === 'forWhom'; }
      else if (awaiting === 'forWhom' && /\bmoi\b/i.test(text)) { form.forOther = false; progressed = true; }
    }
    if (isHomeVisitRequest(text)) {
      if (!form.homeVisit) { await this.release(form); form.proposals = null; }
      form.homeVisit = true;
      progressed ||= awaiting === 'place' || awaiting === 'proposal';
    }
    // One word that happens to name a far commune ("aucun" is Aucun, Hautes-Pyrénées) while the
    // question is about something else is no move: the request keeps its place.
    const strayOut = u.place?.status === 'out' && form.place !== null && awaiting !== 'place' && awaiting !== 'placeChoice' && words(text).length === 1;
    if (u.place && !strayOut) {
      if (u.place.status === 'out') {
        // Say what was understood ("Melun (Seine-et-Marne)") so that a wrong guess can be
        // corrected; the request stays open for a served commune in the next message.
        if (u.place.commune) await sayKey(turn.ctx, 'booking.outOfAreaNamed', { commune: u.place.commune, departement: u.place.departement ?? '' });
        else await sayKey(turn.ctx, 'booking.outOfArea');
        form.place = null; form.proposals = null;
        await this.release(form);
        form.awaiting = 'place';
        return { progressed: true, end: wait(form) };
      }
      if (u.place.status === 'found') {
        if (form.place?.insee !== u.place.insee) {
          await this.release(form);
          Object.assign(form, withPlace(form, u.place));
          const profile = turn.profile;
          profile.territory = u.place.territory;
        }
        progressed ||= awaiting === 'place' || awaiting === 'placeChoice' || awaiting === 'proposal';
      } else if (u.place.status === 'ask') {
        form.placeCandidates = u.place.candidates;
        progressed ||= awaiting === 'place' || awaiting === 'placeChoice';
      }
    }
    // Two readings of a date are asked about only when both could be booked.
    const when = u.when ? readingOf(u.when, this.s.now()) : null;
    if (when) {
      await this.release(form);
      if ('options' in when) form.whenOptions = when.options;
      else Object.assign(form, withWhen(form, when));
      progressed ||= awaiting === 'when' || awaiting === 'whenChoice' || awaiting === 'proposal' || awaiting === 'recap';
    }
    return { progressed };
  }

  // ---- acting -------------------------------------------------------------------------

  private async choose(turn: Turn, form: Form, slot: Slot): Promise<Absorbed> {
    const held = await this.s.person.hold(slot);
    if (!held.ok) {
      await sayKey(turn.ctx, 'booking.slotGone');
      form.proposals = null;
      return { progressed: true };
    }
    form.chosen = { slot, holdId: held.holdId };
    return { progressed: true };
  }

  private async commit(turn: Turn, form: Form): Promise<Absorbed> {
    const result = await this.s.person.commit(form, {
      channel: channelOf(turn.ctx),
      conversationId: turn.ctx.activity.conversation?.id,
    });
    if (!result.ok) {
      await sayKey(turn.ctx, 'booking.holdLost');
      form.chosen = null;
      form.proposals = null;
      return { progressed: true };
    }
    const booking = result.booking;
    form.chosen = null; // committed: nothing to release any more
    noteBooked(turn.ctx, booking);
    const profile = turn.profile;
    profile.refs = [...profile.refs.filter((r) => r !== booking.ref), booking.ref].slice(-10);
    profile.territory = booking.territory;
    const key = !booking.smsConsent ? 'booking.pendingNoSms' : form.forOther ? 'booking.pendingOther' : 'booking.pending';
    await sayKey(turn.ctx, key, { ref: booking.ref, name: booking.beneficiary.name });
    return { progressed: true, end: end<BookingResult>({ outcome: 'booked', ref: booking.ref }) };
  }

  private async change(turn: Turn, form: Form, what: (typeof CHANGE_CHOICES)[number]): Promise<Absorbed> {
    switch (what) {
      case 'changeWhen':
        await this.release(form);
        form.when = null; form.proposals = null;
        break;
      case 'changePlace':
        await this.release(form);
        form.place = null; form.proposals = null; form.homeVisit = false; form.homeAddress = null;
        break;
      case 'changeName':
        form.name = null;
        break;
      case 'changePhone':
        form.phone = null; form.smsConsent = null;
        break;
      case 'changeNothing':
        await this.release(form);
        await sayKey(turn.ctx, 'booking.stopped');
        return { progressed: true, end: end<BookingResult>({ outcome: 'ended' }) };
    }
    return { progressed: true };
  }

  private async release(form: Form): Promise<void> {
    if (form.chosen) {
      await this.s.person.release(form.chosen.slot, form.chosen.holdId);
      form.chosen = null;
    }
  }

  async misunderstood(turn: Turn, form: Form): Promise<Step<Form, BookingResult>> {
    form.failures += 1;
    const q = form.awaiting ?? 'topic';
    if (form.failures === 1) {
      await sayKey(turn.ctx, `retry.${q === 'noHome' ? 'consent' : q}`);
      return wait(form);
    }
    if (form.failures === 2) {
      form.suspended = true;
      return end<BookingResult>({ outcome: 'menu', draft: form });
    }
    // The third time: the team's number, and the request ends (the next message starts afresh).
    await this.release(form);
    await sayFallback(this.s, turn, form.place?.territory);
    return end<BookingResult>({ outcome: 'ended' });
  }

  // ---- asking -------------------------------------------------------------------------

  async askNext(turn: Turn, form: Form): Promise<Step<Form, BookingResult>> {
    // Only a proven number counts as "writing from one's own phone" (no consent question).
    const flow = { channel: isSms(turn.ctx) && senderNumber(turn.ctx) ? 'sms' : 'web', soonestFirst: turn.ctx.activity.channelId === 'sms' } as const;
    let q = nextQuestion(form, flow);
    // On SMS the writer's own number is known: no need to ask it when the booking is for them.
    if (q === 'phone' && isSms(turn.ctx) && form.forOther === false) {
      const own = senderNumber(turn.ctx);
      if (own) { form.phone = own; q = nextQuestion(form, { ...flow, channel: 'sms' }); }
    }
    if (q === 'proposal' && !form.proposals) {
      const end = await this.search(turn, form);
      if (end) return end;
      if (form.homeVisit && form.proposals === null) q = 'noHome';
    }
    form.awaiting = q;
    await this.ask(turn.ctx, form, q);
    return wait(form);
  }

  /** Fills form.proposals; ends the dialog when nothing at all can be offered. */
  private async search(turn: Turn, form: Form): Promise<Step<Form, BookingResult> | undefined> {
    const place = form.place!;
    const result = await this.s.person.proposals({
      topic: form.topic,
      from: { lat: place.lat, lon: place.lon },
      territory: place.territory,
      homeVisit: form.homeVisit,
      window: form.when ?? { any: true },
      exclude: form.shown,
    });
    const more = form.more;
    form.more = false;
    if (more && (!result.inWindow || result.proposals.length === 0)) {
      // After the last of the asked time: say so, and let the person give another day.
      form.proposals = null;
      form.awaiting = 'when';
      await sayKey(turn.ctx, 'ask.noMore');
      return wait(form);
    }
    if (result.proposals.length === 0) {
      if (form.homeVisit) { form.proposals = null; return undefined; } // offer a site instead
      await sayKey(turn.ctx, 'booking.nothing', { helpline: helplineNumber(this.s.catalogue, place.territory) });
      return end<BookingResult>({ outcome: 'ended' });
    }
    form.proposals = result.proposals;
    form.inWindow = result.inWindow;
    return undefined;
  }

  async ask(ctx: TurnContext, form: Form, q: Question): Promise<void> {
    const other = form.forOther === true;
    switch (q) {
      case 'topic':
        return sayKey(ctx, other ? 'ask.topicOther' : 'ask.topic', undefined, TOPIC_IDS.map((id) => t(`topicShort.${id}`)));
      case 'forWhom':
        return sayKey(ctx, 'ask.forWhom', undefined, [t('choice.self'), t('choice.other')]);
      case 'place':
        return sayKey(ctx, form.homeVisit ? (other ? 'ask.placeHomeOther' : 'ask.placeHome') : (other ? 'ask.placeOther' : 'ask.place'));
      case 'placeChoice':
        return sayKey(ctx, 'ask.placeChoice', undefined, form.placeCandidates!.map((c) => `${c.commune} (${c.postcode})`));
      case 'when':
        return sayKey(ctx, other ? 'ask.whenOther' : 'ask.when');
      case 'whenChoice':
        return sayKey(ctx, 'ask.whenChoice', undefined, form.whenOptions!.map((w) => formatDayFr(w.from)));
      case 'proposal': {
        const all = form.proposals!;
        // The widget's rendering matches a line to its site card by the full name (the card adds the address).
        const lines = all.map((slot) => describeSlot(this.s.catalogue, slot, true, isSms(ctx) ? form.place?.commune : undefined));
        const questions = (count: number) => (form.inWindow
          ? [t('ask.proposals', { count }), t('ask.proposalsShort', { count })]
          : [t('ask.noneInWindow'), t('ask.noneInWindowShort')]);
        const { text, count } = fitChoices(ctx, questions, lines);
        // Only what was shown can be chosen: a number always names a line the person read.
        if (count < all.length) form.proposals = all.slice(0, count);
        const list = form.proposals!;
        form.shown = [...new Set([...(form.shown ?? []), ...list.map(shownKey)])];
        const sites = [...new Set(list.filter((s) => s.mode === 'site').map((s) => s.siteId))];
        const cards = sites.map((id) => siteCard(this.s.catalogue.sites.get(id)!));
        return say(ctx, text, lines.slice(0, count), cards);
      }
      case 'noHome':
        return sayKey(ctx, 'booking.noHome', undefined, [t('choice.yes'), t('choice.no')]);
      case 'address':
        return askHomeAddress(ctx, form);
      case 'name':
        return sayKey(ctx, other ? 'ask.nameOther' : 'ask.name');
      case 'phone':
        return sayKey(ctx, other ? 'ask.phoneOther' : 'ask.phone');
      case 'consent':
        return sayKey(ctx, other ? 'ask.consent' : 'ask.consentSelf', undefined, [t('choice.yes'), t('choice.no')]);
      case 'recap': {
        const slot = form.chosen!.slot;
        // Everything that will be stored: place with its address, day and time, name, which number.
        const site = this.s.catalogue.sites.get(slot.siteId)!;
        const atHome = (address: string) => t(other ? 'recap.atHomeOther' : 'recap.atHome', { address });
        const home = form.homeAddress ? homeAddressText(form) : form.place?.commune ?? '';
        const place = slot.mode === 'home' ? atHome(home) : t('recap.atSite', { placeAt: placeAt(site), address: siteAddress(site) });
        const recap = (key: string, date: string, where: string, topic = t('recap.topic', { topic: t(`topicShort.${form.topic!}`) })) =>
          t(key, { topic, date, place: where, name: form.name!, phoneEnd: phoneEnding(form.phone ?? '') });
        const full = recap('ask.recap', formatDateFr(slot.start), place);
        if (!isSms(ctx)) return say(ctx, full, [t('choice.yes'), t('choice.no')]);
        // One SMS: the site's address goes first (the confirmation gives it), the home's street stays.
        const near = slot.mode === 'home' ? atHome(form.homeAddress?.line || home) : placeAt({ ...site, name: siteNameIn(site, form.place?.commune) });
        const short = formatShortFr(slot.start);
        return say(ctx, fitOneSegment([
          full, recap('ask.recap', formatDateFr(slot.start), near), recap('ask.recap', short, near), recap('ask.recapShort', short, near),
          recap('ask.recapShort', short, near, t(`topicShort.${form.topic!}`)),
        ]));
      }
      case 'change':
        return sayKey(ctx, 'ask.change', undefined, CHANGE_CHOICES.map((c) => t(`choice.${c}`)));
    }
  }

  private async answerSide(turn: Turn, form: Form, q: SideQuestion): Promise<void> {
    const slots = form.chosen ? [form.chosen.slot] : form.proposals ?? [];
    if (q === 'price') return sayKey(turn.ctx, 'side.price');
    if (q === 'who') {
      const names = [...new Set(slots.map((s) => this.s.catalogue.volunteers.get(s.volunteerId)?.firstName).filter(Boolean))];
      return names.length === 1 ? sayKey(turn.ctx, 'side.who', { firstName: names[0]! }) : sayKey(turn.ctx, 'side.whoLater');
    }
    const sites = [...new Set(slots.filter((s) => s.mode === 'site').map((s) => s.siteId))].map((id) => this.s.catalogue.sites.get(id)).filter((x) => x !== undefined);
    if (slots.length && slots.every((s) => s.mode === 'home')) return sayKey(turn.ctx, 'side.whereHome');
    if (!sites.length) return sayKey(turn.ctx, 'side.whereLater');
    const lines = sites.map((site) => t('side.whereLine', { site: site.name, address: `${site.address.line}, ${site.address.postcode} ${site.address.commune}` }));
    return say(turn.ctx, lines.join('\n'));
  }
}

/** What follows a leading "non" when it says more than no ("non en fait c'est pour ma mère"). */
function afterNo(text: string): string | null {
  const m = /^\s*(non|nan|nn|no)\b[\s,.!;:-]*(?:(?:merci|pardon|en fait|enfin|plutot|attendez|finalement|desole|desolee)\b[\s,.!;:-]*)*(.*)$/i.exec(normalize(text));
  const rest = m?.[2]?.trim() ?? '';
  return rest.split(' ').length >= 2 ? rest : null;
}

/** "oui"/"non", or the numbered buttons that offer them (1 Oui, 2 Non). */
function yesOrNo(text: string): 'yes' | 'no' | null {
  const yn = parseYesNo(text);
  if (yn) return yn;
  const n = parseChoice(text, 2);
  return n === 1 ? 'yes' : n === 2 ? 'no' : null;
}

export function channelOf(ctx: TurnContext): Channel {
  // An anonymous caller claiming our own channels gets none of their delivery paths.
  if (isAnonymousTurn(ctx)) return ctx.activity.channelId === 'emulator' ? 'emulator' : 'other';
  switch (ctx.activity.channelId) {
    case 'sms': return 'sms';
    case 'voice': return 'voice';
    case 'webchat': return 'webchat';
    case 'directline': return 'directline';
    case 'emulator': return 'emulator';
    case 'test': return 'test';
    default: return 'other';
  }
}
