// Changing an appointment ("déplacer"): which one (when several) → other dates, by the same
// search as a new request from its place (its site first), or other sessions of the same
// workshop → the chosen slot held → recap "… devient …. C'est bon ?" → moved in one atomic
// step by PersonService. Inside CHANGE_MIN_HOURS of the start: the team's number instead.
import { formatDateFr, formatShortFr } from '../src/booking/format';
import type { Booking, Slot } from '../src/booking/model';
import { shownKey, type TimeWindow } from '../src/booking/proposals';
import { epochToLocal } from '../src/booking/slots';
import { fitOneSegment } from '../src/sms-text/fit';
import { matchProposal } from '../src/conversation/proposal-reply';
import { readingOf } from '../src/conversation/when-choice';
import { t } from '../src/i18n';
import { parseChoice } from '../src/language/answers';
import { wantsLater } from '../src/language/change';
import { parseWhen } from '../src/language/when';
import { readYesNo } from '../src/bot/yes-no-prompt';
import { placeAt } from '../src/notices/compose';
import type { WorkshopView } from '../src/booking/workshop';
import { sayFallback } from './fallback';
import { fitChoices, helplineNumber, isSms, say, sayKey } from './say';
import { personOf, type Services } from './services';
import { end, wait, type Conversation, type Step, type Turn } from './turn';
import { describeSlot, placeWords } from './slotText';

export interface ChangeOptions { text?: string }

type Stage = 'which' | 'proposal' | 'session' | 'recap';

export interface ChangeState {
  stage: Stage;
  /** The person's upcoming bookings when there are several (which one to change). */
  refs: string[];
  ref?: string;
  /** The words that asked for the change ("décaler à jeudi"): the wished time. */
  text: string;
  window: TimeWindow;
  proposals: Slot[];
  /** shownKey of every proposal shown: "aucun" never shows them again. */
  shown: string[];
  sessions: WorkshopView[];
  chosen?: { slot: Slot; holdId: string } | { workshop: WorkshopView };
  failures: number;
}

type Result = Step<ChangeState, undefined>;
const done = (): Result => end(undefined);

export function changeConversation(s: Services): Conversation<ChangeState, ChangeOptions, undefined> {
  const steps = new ChangeSteps(s);
  return {
    begin: (turn, options) => steps.begin(turn, options),
    continue: (turn, st) => steps.continue(turn, st),
    // The pending question is not said again: the person's next answer still goes to it.
    reprompt: async () => undefined,
    // Let the held slot go when the change is left (ended, ANNULER, STOP, menu, a new request).
    leave: (st) => steps.release(st),
  };
}

class ChangeSteps {
  constructor(private readonly s: Services) {}

  async begin(turn: Turn, options: ChangeOptions): Promise<Result> {
    const st: ChangeState = {
      stage: 'which', refs: [], text: options.text ?? '', window: { any: true }, proposals: [], shown: [], sessions: [], failures: 0,
    };
    const bookings = await this.s.person.upcoming(personOf(turn));
    if (bookings.length === 0) {
      turn.profile.offer = 'book';
      await sayKey(turn.ctx, 'status.none');
      return done();
    }
    if (bookings.length === 1) return this.pick(turn, st, bookings[0]!);
    st.refs = bookings.map((b) => b.ref);
    await say(turn.ctx, t('change.which'), bookings.map((b) => formatDateFr(b.start)));
    return wait(st);
  }

  async continue(turn: Turn, st: ChangeState): Promise<Result> {
    const text = turn.text;
    switch (st.stage) {
      case 'which': {
        const n = parseChoice(text, st.refs.length);
        const b = n ? await this.booking(turn, st.refs[n - 1]!) : undefined;
        if (b) return this.pick(turn, st, b);
        break;
      }
      case 'proposal': {
        const r = await this.answerProposal(turn, st, text);
        if (r) return r;
        break;
      }
      case 'session': {
        const n = parseChoice(text, st.sessions.length);
        if (n) {
          st.chosen = { workshop: st.sessions[n - 1]! };
          return this.recap(turn, st);
        }
        break;
      }
      case 'recap': {
        const yes = readYesNo(text);
        if (yes === true) return this.apply(turn, st);
        if (yes === false) {
          await this.release(st);
          const b = await this.booking(turn, st.ref!);
          await sayKey(turn.ctx, 'change.kept', { date: b ? formatDateFr(b.start) : '' });
          return done();
        }
        // "non, plutôt jeudi": another day instead.
        const when = this.windowOf(text);
        if (when && st.proposals.length) {
          await this.release(st);
          return this.search(turn, st, when);
        }
        break;
      }
    }
    return this.misunderstood(turn, st);
  }

  async release(st: ChangeState): Promise<void> {
    const c = st.chosen;
    st.chosen = undefined;
    if (c && 'slot' in c) await this.s.person.release(c.slot, c.holdId).catch(() => undefined);
  }

  private async booking(turn: Turn, ref: string): Promise<Booking | undefined> {
    return (await this.s.person.upcoming(personOf(turn))).find((b) => b.ref === ref);
  }

  private helpline(b: Booking): string {
    return helplineNumber(this.s.catalogue, b.territory);
  }

  /** The booking to change is known: refused inside the deadline, else the other dates. */
  private async pick(turn: Turn, st: ChangeState, b: Booking): Promise<Result> {
    st.ref = b.ref;
    if (this.s.person.changeable(b) === 'too-late') {
      await sayKey(turn.ctx, 'change.tooLate', { date: formatDateFr(b.start), helpline: this.helpline(b) });
      return done();
    }
    if (b.kind === 'workshop') {
      st.sessions = (await this.s.person.otherSessions(b)).slice(0, 5);
      if (!st.sessions.length) {
        await sayKey(turn.ctx, 'change.noSession', { date: formatDateFr(b.start), helpline: this.helpline(b) });
        return done();
      }
      st.stage = 'session';
      const lines = st.sessions.map((w) => `${formatShortFr(w.start)}, ${this.s.catalogue.sites.get(w.siteId)?.name ?? ''}`);
      const { text, count } = fitChoices(turn.ctx, () => [t('change.sessions')], lines);
      st.sessions = st.sessions.slice(0, count);
      await say(turn.ctx, text, lines.slice(0, count));
      return wait(st);
    }
    // "décaler plus tard": after the appointment; "décaler à jeudi": that day; else any other.
    const later: TimeWindow = { from: epochToLocal(b.startsAt + 60_000), to: epochToLocal(b.startsAt + 21 * 24 * 3600_000) };
    return this.search(turn, st, this.windowOf(st.text) ?? (wantsLater(st.text) ? later : { any: true }));
  }

  /** A time window named in the text (the first reading when it is ambiguous), or null. */
  private windowOf(text: string): TimeWindow | null {
    const w = parseWhen(text, this.s.now());
    const r = w ? readingOf(w, this.s.now()) : null;
    // Two sensible readings: the first one's dates are shown, the person can name the other.
    return r && 'options' in r ? r.options[0]! : r;
  }

  private async search(turn: Turn, st: ChangeState, window: TimeWindow, more = false): Promise<Result> {
    const b = await this.booking(turn, st.ref!);
    if (!b) return done();
    st.window = window;
    const r = await this.s.person.changeProposals(b, window, [...st.shown, shownKey(b)]);
    if (more && (!r.inWindow || r.proposals.length === 0)) {
      await sayKey(turn.ctx, 'ask.noMore');
      st.stage = 'proposal';
      st.proposals = [];
      return wait(st);
    }
    if (r.proposals.length === 0) {
      await sayKey(turn.ctx, 'change.nothing', { date: formatDateFr(b.start), helpline: this.helpline(b) });
      return done();
    }
    st.stage = 'proposal';
    const lines = r.proposals.map((slot) => describeSlot(this.s.catalogue, slot, true));
    const questions = (count: number) => [t('change.proposals', { date: formatShortFr(b.start) }), t('change.proposalsShort'), t('ask.proposalsShort', { count })];
    const { text, count } = fitChoices(turn.ctx, questions, lines);
    st.proposals = r.proposals.slice(0, count);
    st.shown = [...new Set([...st.shown, ...st.proposals.map(shownKey)])];
    await say(turn.ctx, text, lines.slice(0, count));
    return wait(st);
  }

  private async answerProposal(turn: Turn, st: ChangeState, text: string): Promise<Result | undefined> {
    const list = st.proposals;
    const reply = matchProposal(text, list.map((slot) => ({ start: slot.start, placeWords: placeWords(this.s.catalogue, slot) })), this.s.now());
    if (reply.kind === 'choose') {
      const slot = list[reply.index]!;
      const held = await this.s.person.hold(slot);
      if (!held.ok) {
        await sayKey(turn.ctx, 'booking.slotGone');
        return this.search(turn, st, st.window);
      }
      st.chosen = { slot, holdId: held.holdId };
      return this.recap(turn, st);
    }
    if (reply.kind === 'which') {
      st.proposals = reply.indexes.map((i) => list[i]!);
      const lines = st.proposals.map((slot) => describeSlot(this.s.catalogue, slot, true));
      await say(turn.ctx, t('change.proposalsShort'), lines);
      return wait(st);
    }
    if (reply.kind === 'other') return this.search(turn, st, reply.window);
    if (reply.kind === 'more') return this.search(turn, st, st.window, true);
    const when = this.windowOf(text);
    return when ? this.search(turn, st, when) : undefined;
  }

  private async recap(turn: Turn, st: ChangeState): Promise<Result> {
    const b = await this.booking(turn, st.ref!);
    const c = st.chosen;
    if (!b || !c) return done();
    st.stage = 'recap';
    const start = 'slot' in c ? c.slot.start : c.workshop.start;
    const siteId = 'slot' in c ? c.slot.siteId : c.workshop.siteId;
    const home = 'slot' in c && c.slot.mode === 'home';
    const site = this.s.catalogue.sites.get(siteId);
    // The place is said when it changes (a home visit stays at home).
    const newAt = (date: string) => (siteId !== b.siteId && site && !home ? t('change.newAt', { date, place: placeAt(site) }) : date);
    const key = b.status === 'confirmed' && b.kind !== 'workshop' ? 'change.recapPending' : 'change.recap';
    const texts = [
      t(key, { old: formatDateFr(b.start), new: newAt(formatDateFr(start)) }),
      t(key, { old: formatShortFr(b.start), new: newAt(formatShortFr(start)) }),
    ];
    await say(turn.ctx, isSms(turn.ctx) ? fitOneSegment(texts) : texts[0]!, isSms(turn.ctx) ? undefined : [t('choice.yes'), t('choice.no')]);
    return wait(st);
  }

  private async apply(turn: Turn, st: ChangeState): Promise<Result> {
    const c = st.chosen!;
    const r = await this.s.person.move(personOf(turn), st.ref!, c);
    st.chosen = undefined; // taken by the move, or lost: nothing to release any more
    if (!r.ok) {
      if (r.code === 'too-late') {
        const b = await this.booking(turn, st.ref!);
        await sayKey(turn.ctx, 'change.tooLate', { date: b ? formatDateFr(b.start) : '', helpline: helplineNumber(this.s.catalogue, b?.territory) });
        return done();
      }
      if (r.code === 'not-found') { await sayKey(turn.ctx, 'cancel.failed'); return done(); }
      await sayKey(turn.ctx, 'booking.holdLost');
      return 'slot' in c ? this.search(turn, st, st.window) : done();
    }
    const a = r.booking;
    const site = this.s.catalogue.sites.get(a.siteId);
    const place = a.mode === 'home' ? t('earlier.home') : site?.name ?? '';
    const key = a.kind === 'workshop' ? 'change.doneSeat' : 'change.done';
    const forms = key === 'change.done' ? ['', 'Short', 'Shortest'] : ['', 'Short'];
    const texts = forms.flatMap((f) => [formatDateFr(a.start), formatShortFr(a.start)].map((date) => t(`${key}${f}`, { ref: a.ref, date, place })));
    await say(turn.ctx, isSms(turn.ctx) ? fitOneSegment(texts) : texts[0]!);
    return done();
  }

  private async misunderstood(turn: Turn, st: ChangeState): Promise<Result> {
    st.failures += 1;
    if (st.failures >= 2) {
      await this.release(st);
      await sayFallback(this.s, turn);
      return done();
    }
    if (st.stage === 'which') {
      const bookings = (await this.s.person.upcoming(personOf(turn))).filter((b) => st.refs.includes(b.ref));
      await say(turn.ctx, t('change.retryWhich'), bookings.map((b) => formatDateFr(b.start)));
    } else if (st.stage === 'recap') await sayKey(turn.ctx, 'retry.consent');
    else await sayKey(turn.ctx, 'change.retry');
    return wait(st);
  }
}
