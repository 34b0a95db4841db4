// Changing an appointment ("déplacer"): which one (when several) → other dates, by the same
// search as a new request from its place (its site first), or other sessions of the same
// workshop → the chosen slot held → recap "… devient …. C'est bon ?" → moved in one atomic
// step by PersonService. Inside CHANGE_MIN_HOURS of the start: the team's number instead.
import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from '../src/bot/dialog-kit';
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
import { fitChoices, helplineNumber, isSms, numbered, say, sayKey } from './say';
import { getProfile, personOf, type Services } from './services';
import { describeSlot, placeWords } from './slotText';

export const CHANGE_DIALOG = 'change';

export interface ChangeOptions { text?: string }

type Stage = 'which' | 'proposal' | 'session' | 'recap';

interface ChangeState {
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

const state = (dc: DialogContext): ChangeState => dc.activeDialog!.state as ChangeState;

export class ChangeDialog extends Dialog<ChangeOptions> {
  constructor(private readonly s: Services) {
    super(CHANGE_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: ChangeOptions): Promise<DialogTurnResult> {
    Object.assign(dc.activeDialog!.state, {
      stage: 'which', refs: [], text: options?.text ?? '', window: { any: true }, proposals: [], shown: [], sessions: [], failures: 0,
    } satisfies ChangeState);
    const st = state(dc);
    const bookings = await this.s.person.upcoming(await personOf(this.s, dc.context));
    if (bookings.length === 0) {
      (await getProfile(this.s, dc.context)).offer = 'book';
      await sayKey(dc.context, 'status.none');
      return dc.endDialog();
    }
    if (bookings.length === 1) return this.pick(dc, bookings[0]!);
    st.refs = bookings.map((b) => b.ref);
    await say(dc.context, t('change.which'), bookings.map((b) => formatDateFr(b.start)));
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== 'message') return Dialog.EndOfTurn;
    const st = state(dc);
    const text = (dc.context.activity.text ?? '').trim();
    switch (st.stage) {
      case 'which': {
        const n = parseChoice(text, st.refs.length);
        const b = n ? await this.booking(dc, st.refs[n - 1]!) : undefined;
        if (b) return this.pick(dc, b);
        break;
      }
      case 'proposal': {
        const r = await this.answerProposal(dc, text);
        if (r) return r;
        break;
      }
      case 'session': {
        const n = parseChoice(text, st.sessions.length);
        if (n) {
          st.chosen = { workshop: st.sessions[n - 1]! };
          return this.recap(dc);
        }
        break;
      }
      case 'recap': {
        const yes = readYesNo(text);
        if (yes === true) return this.apply(dc);
        if (yes === false) {
          await this.release(st);
          const b = await this.booking(dc, st.ref!);
          await sayKey(dc.context, 'change.kept', { date: b ? formatDateFr(b.start) : '' });
          return dc.endDialog();
        }
        // "non, plutôt jeudi": another day instead.
        const when = this.windowOf(text);
        if (when && st.proposals.length) {
          await this.release(st);
          return this.search(dc, when);
        }
        break;
      }
    }
    return this.misunderstood(dc);
  }

  /** Let the held slot go when the dialog is left (ANNULER, STOP, menu, a new request). */
  override async endDialog(_context: TurnContext, instance: { state: object }): Promise<void> {
    await this.release(instance.state as ChangeState);
  }

  private async release(st: ChangeState): Promise<void> {
    const c = st.chosen;
    st.chosen = undefined;
    if (c && 'slot' in c) await this.s.person.release(c.slot, c.holdId).catch(() => undefined);
  }

  private async booking(dc: DialogContext, ref: string): Promise<Booking | undefined> {
    return (await this.s.person.upcoming(await personOf(this.s, dc.context))).find((b) => b.ref === ref);
  }

  private helpline(b: Booking): string {
    return helplineNumber(this.s.catalogue, b.territory);
  }

  /** The booking to change is known: refused inside the deadline, else the other dates. */
  private async pick(dc: DialogContext, b: Booking): Promise<DialogTurnResult> {
    const st = state(dc);
    st.ref = b.ref;
    if (this.s.person.changeable(b) === 'too-late') {
      await sayKey(dc.context, 'change.tooLate', { date: formatDateFr(b.start), helpline: this.helpline(b) });
      return dc.endDialog();
    }
    if (b.kind === 'workshop') {
      st.sessions = (await this.s.person.otherSessions(b)).slice(0, 5);
      if (!st.sessions.length) {
        await sayKey(dc.context, 'change.noSession', { date: formatDateFr(b.start), helpline: this.helpline(b) });
        return dc.endDialog();
      }
      st.stage = 'session';
      const lines = st.sessions.map((w) => `${formatShortFr(w.start)}, ${this.s.catalogue.sites.get(w.siteId)?.name ?? ''}`);
      const { text, count } = fitChoices(dc.context, () => [t('change.sessions')], lines);
      st.sessions = st.sessions.slice(0, count);
      await say(dc.context, text, lines.slice(0, count));
      return Dialog.EndOfTurn;
    }
    // "décaler plus tard": after the appointment; "décaler à jeudi": that day; else any other.
    const later: TimeWindow = { from: epochToLocal(b.startsAt + 60_000), to: epochToLocal(b.startsAt + 21 * 24 * 3600_000) };
    return this.search(dc, this.windowOf(st.text) ?? (wantsLater(st.text) ? later : { any: true }));
  }

  /** A time window named in the text (the first reading when it is ambiguous), or null. */
  private windowOf(text: string): TimeWindow | null {
    const w = parseWhen(text, this.s.now());
    const r = w ? readingOf(w, this.s.now()) : null;
    // Two sensible readings: the first one's dates are shown, the person can name the other.
    return r && 'options' in r ? r.options[0]! : r;
  }

  private async search(dc: DialogContext, window: TimeWindow, more = false): Promise<DialogTurnResult> {
    const st = state(dc);
    const b = await this.booking(dc, st.ref!);
    if (!b) return dc.endDialog();
    st.window = window;
    const r = await this.s.person.changeProposals(b, window, [...st.shown, shownKey(b)]);
    if (more && (!r.inWindow || r.proposals.length === 0)) {
      await sayKey(dc.context, 'ask.noMore');
      st.stage = 'proposal';
      st.proposals = [];
      return Dialog.EndOfTurn;
    }
    if (r.proposals.length === 0) {
      await sayKey(dc.context, 'change.nothing', { date: formatDateFr(b.start), helpline: this.helpline(b) });
      return dc.endDialog();
    }
    st.stage = 'proposal';
    const lines = r.proposals.map((slot) => describeSlot(this.s.catalogue, slot, true));
    const questions = (count: number) => [t('change.proposals', { date: formatShortFr(b.start) }), t('change.proposalsShort'), t('ask.proposalsShort', { count })];
    const { text, count } = fitChoices(dc.context, questions, lines);
    st.proposals = r.proposals.slice(0, count);
    st.shown = [...new Set([...st.shown, ...st.proposals.map(shownKey)])];
    await say(dc.context, text, lines.slice(0, count));
    return Dialog.EndOfTurn;
  }

  private async answerProposal(dc: DialogContext, text: string): Promise<DialogTurnResult | undefined> {
    const st = state(dc);
    const list = st.proposals;
    const reply = matchProposal(text, list.map((slot) => ({ start: slot.start, placeWords: placeWords(this.s.catalogue, slot) })), this.s.now());
    if (reply.kind === 'choose') {
      const slot = list[reply.index]!;
      const held = await this.s.person.hold(slot);
      if (!held.ok) {
        await sayKey(dc.context, 'booking.slotGone');
        return this.search(dc, st.window);
      }
      st.chosen = { slot, holdId: held.holdId };
      return this.recap(dc);
    }
    if (reply.kind === 'which') {
      st.proposals = reply.indexes.map((i) => list[i]!);
      const lines = st.proposals.map((slot) => describeSlot(this.s.catalogue, slot, true));
      await say(dc.context, t('change.proposalsShort'), lines);
      return Dialog.EndOfTurn;
    }
    if (reply.kind === 'other') return this.search(dc, reply.window);
    if (reply.kind === 'more') return this.search(dc, st.window, true);
    const when = this.windowOf(text);
    return when ? this.search(dc, when) : undefined;
  }

  private async recap(dc: DialogContext): Promise<DialogTurnResult> {
    const st = state(dc);
    const b = await this.booking(dc, st.ref!);
    const c = st.chosen;
    if (!b || !c) return dc.endDialog();
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
    await say(dc.context, isSms(dc.context) ? fitOneSegment(texts) : texts[0]!, isSms(dc.context) ? undefined : [t('choice.yes'), t('choice.no')]);
    return Dialog.EndOfTurn;
  }

  private async apply(dc: DialogContext): Promise<DialogTurnResult> {
    const st = state(dc);
    const c = st.chosen!;
    const r = await this.s.person.move(await personOf(this.s, dc.context), st.ref!, c);
    st.chosen = undefined; // taken by the move, or lost: nothing to release any more
    if (!r.ok) {
      if (r.code === 'too-late') {
        const b = await this.booking(dc, st.ref!);
        await sayKey(dc.context, 'change.tooLate', { date: b ? formatDateFr(b.start) : '', helpline: helplineNumber(this.s.catalogue, b?.territory) });
        return dc.endDialog();
      }
      if (r.code === 'not-found') { await sayKey(dc.context, 'cancel.failed'); return dc.endDialog(); }
      await sayKey(dc.context, 'booking.holdLost');
      return 'slot' in c ? this.search(dc, st.window) : dc.endDialog();
    }
    const a = r.booking;
    const site = this.s.catalogue.sites.get(a.siteId);
    const place = a.mode === 'home' ? t('earlier.home') : site?.name ?? '';
    const key = a.kind === 'workshop' ? 'change.doneSeat' : 'change.done';
    const forms = key === 'change.done' ? ['', 'Short', 'Shortest'] : ['', 'Short'];
    const texts = forms.flatMap((f) => [formatDateFr(a.start), formatShortFr(a.start)].map((date) => t(`${key}${f}`, { ref: a.ref, date, place })));
    await say(dc.context, isSms(dc.context) ? fitOneSegment(texts) : texts[0]!);
    return dc.endDialog();
  }

  private async misunderstood(dc: DialogContext): Promise<DialogTurnResult> {
    const st = state(dc);
    st.failures += 1;
    if (st.failures >= 2) {
      await this.release(st);
      await sayFallback(this.s, dc.context);
      return dc.endDialog();
    }
    if (st.stage === 'which') {
      const bookings = (await this.s.person.upcoming(await personOf(this.s, dc.context))).filter((b) => st.refs.includes(b.ref));
      await say(dc.context, `${t('change.retryWhich')}\n${numbered(bookings.map((b) => formatDateFr(b.start)))}`);
    } else if (st.stage === 'recap') await sayKey(dc.context, 'retry.consent');
    else await sayKey(dc.context, 'change.retry');
    return Dialog.EndOfTurn;
  }
}
