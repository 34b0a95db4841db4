// "Il y a des ateliers ?": the nearest upcoming workshops of a topic → pick one → for whom →
// name (and mobile when needed) → recap → "oui" → a seat with a reference code. A full
// workshop (or the last seat taken meanwhile) offers the waiting list instead.
import { MessageFactory, type TurnContext } from 'botbuilder';
import { formatShortFr } from '../src/booking/format';
import type { TopicId } from '../src/booking/model';
import { t } from '../src/i18n';
import { parseChoice, parseName } from '../src/language/answers';
import { findForOther, findTopic } from '../src/language/intent';
import { parsePhone } from '../src/language/phone';
import { findPlace } from '../src/language/place';
import { seatsLeft, type WorkshopView } from '../src/booking/workshop';
import { FEW_SEATS, isFull, type Near } from '../src/workshops/rules';
import type { SeatHolder, WorkshopService } from '../src/workshop-service';
import { channelOf } from './bookingDialog';
import { reply, sayKey, senderNumber } from './say';
import type { Services } from './services';
import { answerOf, ask, type Prompt } from './prompts';
import { end, wait, type Conversation, type Step, type Turn } from './turn';

export interface WorkshopOptions { text?: string }

interface State {
  text: string;
  topic: TopicId | null;
  topics?: TopicId[];
  near?: Near;
  list?: WorkshopView[];
  chosen?: WorkshopView;
  /** 'seat': booking a seat; 'wait': joining the waiting list. */
  mode?: 'seat' | 'wait';
  forOther?: boolean | null;
  name?: string;
  phone?: string;
}

/** The request so far, the step the pending question's answer goes to, and that question. */
export interface WorkshopState { s: State; step: number; prompt: Prompt }

/** What a step did: asked a question (its answer goes to the next step), went straight on, or ended. */
type Did = { ask: Prompt } | { next: unknown } | { end: true };
const next = (result?: unknown): Did => ({ next: result });
const stop: Did = { end: true };

export function workshopConversation(s: Services, w: WorkshopService): Conversation<WorkshopState, WorkshopOptions, undefined> {
  const steps = new WorkshopSteps(s, w);
  return {
    begin: (turn, options) => steps.run(turn, { text: options.text ?? '', topic: null }, 0, options),
    async continue(turn, st) {
      const a = await answerOf(turn.ctx, st.prompt, turn.text);
      return a ? steps.run(turn, st.s, st.step, a.value) : wait(st);
    },
    reprompt: (turn, st) => ask(turn.ctx, st.prompt),
    leave: async () => undefined,
  };
}

class WorkshopSteps {
  /** In order; each gets the answer to the question the one before asked (or what it passed on). */
  private readonly steps: ReadonlyArray<(turn: Turn, s: State, result: unknown) => Promise<Did>> = [
    (turn, s, r) => this.askTopic(turn, s, r as WorkshopOptions),
    (turn, s, r) => this.askPlace(turn, s, r),
    (turn, s, r) => this.propose(turn, s, r),
    (turn, s, r) => this.chosen(turn, s, r),
    (turn, s, r) => this.askForWhom(turn, s, r),
    (turn, s, r) => this.askName(turn, s, r),
    (turn, s, r) => this.askPhone(turn, s, r),
    (turn, s, r) => this.recap(turn, s, r),
    (turn, s, r) => this.apply(turn, s, r),
    (turn, s, r) => this.afterLostRace(turn, s, r),
  ];

  constructor(private readonly s: Services, private readonly w: WorkshopService) {}

  /** From step `from` with its input, on until a question is asked or the request ends. */
  async run(turn: Turn, s: State, from: number, input: unknown): Promise<Step<WorkshopState, undefined>> {
    let result = input;
    for (let i = from; i < this.steps.length; i++) {
      const did = await this.steps[i]!(turn, s, result);
      if ('end' in did) return end(undefined);
      if ('ask' in did) {
        await ask(turn.ctx, did.ask);
        return wait({ s, step: i + 1, prompt: did.ask });
      }
      result = did.next;
    }
    return end(undefined);
  }

  private choose(ctx: TurnContext, text: string, lines: string[]): Did {
    return { ask: { kind: 'choice', count: lines.length, prompt: reply(ctx, text, lines), retry: reply(ctx, t('workshop.pick'), lines) } };
  }

  private yesNo(text: string): Did {
    // The sentences say "Répondez OUI ou NON": no "(1) Oui ou (2) Non" appended.
    return { ask: { kind: 'yesNo', prompt: MessageFactory.text(text), retry: MessageFactory.text(t('retry.consent')) } };
  }

  /** Step 1: the topic from the words, or a choice among the topics that have workshops. */
  private async askTopic(turn: Turn, s: State, options: WorkshopOptions): Promise<Did> {
    const text = options.text ?? '';
    Object.assign(s, { text, topic: findTopic(text), forOther: findForOther(text) });
    if (s.topic) return next();
    const all = await this.w.upcoming(null, undefined, 50);
    const topics = [...new Set(all.map((w) => w.topic))];
    if (topics.length === 0) {
      await sayKey(turn.ctx, 'workshop.noneAtAll');
      return stop;
    }
    if (topics.length === 1) { s.topic = topics[0]; return next(); }
    s.topics = topics.slice(0, 9);
    return this.choose(turn.ctx, t('workshop.askTopic'), s.topics.map((id) => this.s.catalogue.topicLabel(id)));
  }

  /** Step 2: where the person lives, when the workshops are in more than one place. */
  private async askPlace(turn: Turn, s: State, result: unknown): Promise<Did> {
    if (!s.topic && s.topics) s.topic = s.topics[(parseChoice(String(result), s.topics.length) ?? 1) - 1];
    const all = await this.w.upcoming(s.topic, undefined, 50);
    if (all.length === 0) {
      await sayKey(turn.ctx, 'workshop.noneTopic', { topic: this.s.catalogue.topicLabel(s.topic!) });
      return stop;
    }
    const place = findPlace(s.text, this.s.catalogue);
    if (place?.status === 'found') s.near = { lat: place.lat, lon: place.lon };
    if (s.near || new Set(all.map((w) => w.siteId)).size === 1) return next();
    return { ask: { kind: 'text', prompt: MessageFactory.text(t('workshop.askPlace')) } };
  }

  /** Step 3: the nearest upcoming workshops (date, place, seats left when few). */
  private async propose(turn: Turn, s: State, result: unknown): Promise<Did> {
    if (typeof result === 'string') {
      const place = findPlace(result, this.s.catalogue);
      if (place?.status === 'found') s.near = { lat: place.lat, lon: place.lon };
    }
    s.list = await this.w.upcoming(s.topic, s.near);
    if (s.list.length === 0) {
      await sayKey(turn.ctx, 'workshop.noneTopic', { topic: this.s.catalogue.topicLabel(s.topic!) });
      return stop;
    }
    const lines = s.list.map((w) => this.line(w));
    return this.choose(turn.ctx, t('workshop.intro', { topic: this.s.catalogue.topicLabel(s.topic!) }), lines);
  }

  private line(w: WorkshopView): string {
    const base = t('workshop.line', { date: formatShortFr(w.start), place: this.s.catalogue.sites.get(w.siteId)?.name ?? '' });
    const left = seatsLeft(w);
    if (isFull(w)) return `${base} (${t('workshop.fullMark')})`;
    return left <= FEW_SEATS ? `${base} (${t('workshop.few', { count: left })})` : base;
  }

  /** Step 4: the chosen workshop; a full one offers the waiting list. */
  private async chosen(turn: Turn, s: State, result: unknown): Promise<Did> {
    const picked = s.list![(parseChoice(String(result), s.list!.length) ?? 1) - 1];
    const fresh = await this.w.get(picked.id);
    if (!fresh || fresh.status !== 'scheduled' || fresh.startsAt <= this.s.now().getTime()) {
      await sayKey(turn.ctx, 'workshop.closed');
      return stop;
    }
    s.chosen = fresh;
    const own = senderNumber(turn.ctx);
    const mine = own ? (await this.s.person.upcoming({ phone: own, refs: [] })).find((b) => b.workshopId === fresh.id) : undefined;
    if (mine) {
      await sayKey(turn.ctx, 'workshop.already', { ref: mine.ref });
      return stop;
    }
    if (!isFull(fresh)) { s.mode = 'seat'; return next(true); }
    s.mode = 'wait';
    return this.yesNo(t('workshop.full'));
  }

  /** Step 5: for whom (the words often say it already). */
  private async askForWhom(turn: Turn, s: State, result: unknown): Promise<Did> {
    if (result !== true) {
      await sayKey(turn.ctx, 'workshop.stopped');
      return stop;
    }
    // By SMS the writer books for themself unless their words say otherwise ("pour ma mère").
    if (s.forOther === null && senderNumber(turn.ctx)) s.forOther = false;
    if (s.forOther === true || s.forOther === false) return next(s.forOther ? false : true);
    return this.yesNo(t('workshop.forWhom'));
  }

  private async askName(turn: Turn, s: State, result: unknown): Promise<Did> {
    s.forOther = result !== true;
    return { ask: {
      kind: 'name',
      prompt: MessageFactory.text(t(s.forOther ? 'workshop.askNameOther' : 'workshop.askName')),
      retry: MessageFactory.text(t('workshop.badName')),
    } };
  }

  /** Step 7: the mobile, unless it is the writer's own proven number. */
  private async askPhone(turn: Turn, s: State, result: unknown): Promise<Did> {
    s.name = parseName(String(result ?? '')) ?? String(result);
    const own = senderNumber(turn.ctx);
    if (!s.forOther && own) return next(own);
    return { ask: {
      kind: 'phone',
      prompt: MessageFactory.text(t(s.forOther ? 'workshop.askPhoneOther' : 'workshop.askPhoneSelf')),
      retry: MessageFactory.text(t('workshop.badPhone')),
    } };
  }

  /** Step 8: recap (a seat) or straight to the waiting list. */
  private async recap(turn: Turn, s: State, result: unknown): Promise<Did> {
    const p = parsePhone(String(result ?? ''));
    s.phone = p && p.status !== 'invalid' ? p.e164 : String(result);
    if (s.mode === 'wait') return next(true);
    const w = s.chosen!;
    return this.yesNo(t('workshop.recap', {
      title: w.title, date: formatShortFr(w.start), place: this.s.catalogue.sites.get(w.siteId)?.name ?? '', name: s.name!,
    }));
  }

  private holder(turn: Turn, s: State): SeatHolder {
    return {
      name: s.name!, phone: s.phone!, requestedBy: s.forOther ? 'relative' : 'self', channel: channelOf(turn.ctx),
      conversationId: turn.ctx.activity.conversation?.id,
    };
  }

  /** Step 9: the seat (or the waiting list). */
  private async apply(turn: Turn, s: State, result: unknown): Promise<Did> {
    if (result !== true) {
      await sayKey(turn.ctx, 'workshop.stopped');
      return stop;
    }
    const w = s.chosen!;
    if (s.mode === 'wait') { await this.join(turn.ctx, w.id, this.holder(turn, s)); return stop; }
    const r = await this.w.takeSeat(w.id, this.holder(turn, s));
    if (r.ok) {
      const profile = turn.profile;
      profile.refs = [...profile.refs.filter((x) => x !== r.booking.ref), r.booking.ref].slice(-10);
      await sayKey(turn.ctx, 'workshop.booked', {
        title: w.title, date: formatShortFr(w.start), place: this.s.catalogue.sites.get(w.siteId)?.name ?? '', ref: r.booking.ref,
      });
      return stop;
    }
    if (r.reason === 'already') { await sayKey(turn.ctx, 'workshop.already', { ref: r.booking?.ref ?? '' }); return stop; }
    if (r.reason === 'full') return this.yesNo(t('workshop.lostRace'));
    await sayKey(turn.ctx, 'workshop.closed');
    return stop;
  }

  /** Step 10: the last seat went meanwhile; "oui" → the waiting list. */
  private async afterLostRace(turn: Turn, s: State, result: unknown): Promise<Did> {
    if (result === true) await this.join(turn.ctx, s.chosen!.id, this.holder(turn, s));
    else await sayKey(turn.ctx, 'workshop.stopped');
    return stop;
  }

  private async join(ctx: TurnContext, workshopId: string, who: SeatHolder): Promise<void> {
    const r = await this.w.joinWaitlist(workshopId, who);
    if (r.ok) await sayKey(ctx, 'workshop.waitJoined', { position: r.position });
    else if (r.reason === 'already') await sayKey(ctx, 'workshop.waitAlready');
    else await sayKey(ctx, 'workshop.closed');
  }
}
