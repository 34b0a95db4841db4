// "Il y a des ateliers ?": the nearest upcoming workshops of a topic → pick one → for whom →
// name (and mobile when needed) → recap → "oui" → a seat with a reference code. A full
// workshop (or the last seat taken meanwhile) offers the waiting list instead.
import { MessageFactory, type TurnContext } from 'botbuilder';
import {
  ComponentDialog, ListStyle, TextPrompt, WaterfallDialog,
  type DialogTurnResult, type WaterfallStepContext,
} from '../src/bot/dialog-kit';
import { formatShortFr } from '../src/booking/format';
import type { TopicId } from '../src/booking/model';
import { t } from '../src/i18n';
import { YesNoPrompt } from '../src/bot/yes-no-prompt';
import { parseChoice, parseName } from '../src/language/answers';
import { findForOther, findTopic } from '../src/language/intent';
import { parsePhone } from '../src/language/phone';
import { findPlace } from '../src/language/place';
import { seatsLeft, type WorkshopView } from '../src/booking/workshop';
import { FEW_SEATS, isFull, type Near } from '../src/workshops/rules';
import type { SeatHolder, WorkshopService } from '../src/workshop-service';
import { channelOf } from './bookingDialog';
import { isSms, sayKey, senderNumber } from './say';
import { getProfile, vals, type Services } from './services';

export const WORKSHOP_DIALOG = 'workshop';
const CHOICE = 'workshopChoice';
const TEXT = 'workshopText';
const YESNO = 'workshopYesNo';
const NAME = 'workshopName';
const PHONE = 'workshopPhone';

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

const st = (step: WaterfallStepContext): State => vals(step).s as State;

export class WorkshopDialog extends ComponentDialog {
  constructor(private readonly s: Services, private readonly w: WorkshopService) {
    super(WORKSHOP_DIALOG);
    this.addDialog(new TextPrompt(CHOICE, async (pc) => {
      const count = (pc.options.validations as { count: number }).count;
      return parseChoice(pc.recognized.value ?? '', count) !== null;
    }));
    this.addDialog(new TextPrompt(TEXT));
    // The sentences say "Répondez OUI ou NON": no "(1) Oui ou (2) Non" appended.
    const yesNo = new YesNoPrompt(YESNO);
    this.addDialog(yesNo);
    this.addDialog(new TextPrompt(NAME, async (pc) => parseName(pc.recognized.value ?? '') !== null));
    this.addDialog(new TextPrompt(PHONE, async (pc) => parsePhone(pc.recognized.value ?? '')?.status === 'mobile'));
    this.addDialog(new WaterfallDialog('workshopSteps', [
      (step) => this.askTopic(step),
      (step) => this.askPlace(step),
      (step) => this.propose(step),
      (step) => this.chosen(step),
      (step) => this.askForWhom(step),
      (step) => this.askName(step),
      (step) => this.askPhone(step),
      (step) => this.recap(step),
      (step) => this.apply(step),
      (step) => this.afterLostRace(step),
    ]));
    this.initialDialogId = 'workshopSteps';
  }

  private choose(step: WaterfallStepContext, text: string, lines: string[]): Promise<DialogTurnResult> {
    const numbered = lines.map((l, i) => `${i + 1} ${l}`).join('\n');
    const body = `${text}\n${numbered}`;
    return step.prompt(CHOICE, {
      prompt: isSms(step.context) ? MessageFactory.text(body) : MessageFactory.suggestedActions(lines.map((_, i) => String(i + 1)), body),
      retryPrompt: MessageFactory.text(`${t('workshop.pick')}\n${numbered}`),
      validations: { count: lines.length },
      style: ListStyle.none,
    });
  }

  private yesNo(step: WaterfallStepContext, text: string): Promise<DialogTurnResult> {
    return step.prompt(YESNO, { prompt: MessageFactory.text(text), retryPrompt: MessageFactory.text(t('retry.consent')), style: ListStyle.none });
  }

  /** Step 1: the topic from the words, or a choice among the topics that have workshops. */
  private async askTopic(step: WaterfallStepContext) {
    const text = (step.options as WorkshopOptions | undefined)?.text ?? '';
    const s: State = { text, topic: findTopic(text), forOther: findForOther(text) };
    vals(step).s = s;
    if (s.topic) return step.next();
    const all = await this.w.upcoming(null, undefined, 50);
    const topics = [...new Set(all.map((w) => w.topic))];
    if (topics.length === 0) {
      await sayKey(step.context, 'workshop.noneAtAll');
      return step.endDialog();
    }
    if (topics.length === 1) { s.topic = topics[0]; return step.next(); }
    s.topics = topics.slice(0, 9);
    return this.choose(step, t('workshop.askTopic'), s.topics.map((id) => this.s.catalogue.topicLabel(id)));
  }

  /** Step 2: where the person lives, when the workshops are in more than one place. */
  private async askPlace(step: WaterfallStepContext) {
    const s = st(step);
    if (!s.topic && s.topics) s.topic = s.topics[(parseChoice(String(step.result), s.topics.length) ?? 1) - 1];
    const all = await this.w.upcoming(s.topic, undefined, 50);
    if (all.length === 0) {
      await sayKey(step.context, 'workshop.noneTopic', { topic: this.s.catalogue.topicLabel(s.topic!) });
      return step.endDialog();
    }
    const place = findPlace(s.text, this.s.catalogue);
    if (place?.status === 'found') s.near = { lat: place.lat, lon: place.lon };
    if (s.near || new Set(all.map((w) => w.siteId)).size === 1) return step.next();
    return step.prompt(TEXT, { prompt: MessageFactory.text(t('workshop.askPlace')) });
  }

  /** Step 3: the nearest upcoming workshops (date, place, seats left when few). */
  private async propose(step: WaterfallStepContext) {
    const s = st(step);
    if (typeof step.result === 'string') {
      const place = findPlace(step.result, this.s.catalogue);
      if (place?.status === 'found') s.near = { lat: place.lat, lon: place.lon };
    }
    s.list = await this.w.upcoming(s.topic, s.near);
    if (s.list.length === 0) {
      await sayKey(step.context, 'workshop.noneTopic', { topic: this.s.catalogue.topicLabel(s.topic!) });
      return step.endDialog();
    }
    const lines = s.list.map((w) => this.line(w));
    return this.choose(step, t('workshop.intro', { topic: this.s.catalogue.topicLabel(s.topic!) }), lines);
  }

  private line(w: WorkshopView): string {
    const base = t('workshop.line', { date: formatShortFr(w.start), place: this.s.catalogue.sites.get(w.siteId)?.name ?? '' });
    const left = seatsLeft(w);
    if (isFull(w)) return `${base} (${t('workshop.fullMark')})`;
    return left <= FEW_SEATS ? `${base} (${t('workshop.few', { count: left })})` : base;
  }

  /** Step 4: the chosen workshop; a full one offers the waiting list. */
  private async chosen(step: WaterfallStepContext) {
    const s = st(step);
    const picked = s.list![(parseChoice(String(step.result), s.list!.length) ?? 1) - 1];
    const fresh = await this.w.get(picked.id);
    if (!fresh || fresh.status !== 'scheduled' || fresh.startsAt <= this.s.now().getTime()) {
      await sayKey(step.context, 'workshop.closed');
      return step.endDialog();
    }
    s.chosen = fresh;
    const own = senderNumber(step.context);
    const mine = own ? (await this.s.person.upcoming({ phone: own, refs: [] })).find((b) => b.workshopId === fresh.id) : undefined;
    if (mine) {
      await sayKey(step.context, 'workshop.already', { ref: mine.ref });
      return step.endDialog();
    }
    if (!isFull(fresh)) { s.mode = 'seat'; return step.next(true); }
    s.mode = 'wait';
    return this.yesNo(step, t('workshop.full'));
  }

  /** Step 5: for whom (the words often say it already). */
  private async askForWhom(step: WaterfallStepContext) {
    const s = st(step);
    if (step.result !== true) {
      await sayKey(step.context, 'workshop.stopped');
      return step.endDialog();
    }
    // By SMS the writer books for themself unless their words say otherwise ("pour ma mère").
    if (s.forOther === null && senderNumber(step.context)) s.forOther = false;
    if (s.forOther === true || s.forOther === false) return step.next(s.forOther ? false : true);
    return this.yesNo(step, t('workshop.forWhom'));
  }

  private async askName(step: WaterfallStepContext) {
    const s = st(step);
    s.forOther = step.result !== true;
    return step.prompt(NAME, {
      prompt: MessageFactory.text(t(s.forOther ? 'workshop.askNameOther' : 'workshop.askName')),
      retryPrompt: MessageFactory.text(t('workshop.badName')),
    });
  }

  /** Step 7: the mobile, unless it is the writer's own proven number. */
  private async askPhone(step: WaterfallStepContext) {
    const s = st(step);
    s.name = parseName(String(step.result ?? '')) ?? String(step.result);
    const own = senderNumber(step.context);
    if (!s.forOther && own) return step.next(own);
    return step.prompt(PHONE, {
      prompt: MessageFactory.text(t(s.forOther ? 'workshop.askPhoneOther' : 'workshop.askPhoneSelf')),
      retryPrompt: MessageFactory.text(t('workshop.badPhone')),
    });
  }

  /** Step 8: recap (a seat) or straight to the waiting list. */
  private async recap(step: WaterfallStepContext) {
    const s = st(step);
    const p = parsePhone(String(step.result ?? ''));
    s.phone = p && p.status !== 'invalid' ? p.e164 : String(step.result);
    if (s.mode === 'wait') return step.next(true);
    const w = s.chosen!;
    return this.yesNo(step, t('workshop.recap', {
      title: w.title, date: formatShortFr(w.start), place: this.s.catalogue.sites.get(w.siteId)?.name ?? '', name: s.name!,
    }));
  }

  private holder(step: WaterfallStepContext): SeatHolder {
    const s = st(step);
    return {
      name: s.name!, phone: s.phone!, requestedBy: s.forOther ? 'relative' : 'self', channel: channelOf(step.context),
      conversationId: step.context.activity.conversation?.id,
    };
  }

  /** Step 9: the seat (or the waiting list). */
  private async apply(step: WaterfallStepContext) {
    const s = st(step);
    if (step.result !== true) {
      await sayKey(step.context, 'workshop.stopped');
      return step.endDialog();
    }
    const w = s.chosen!;
    if (s.mode === 'wait') { await this.join(step.context, w.id, this.holder(step)); return step.endDialog(); }
    const r = await this.w.takeSeat(w.id, this.holder(step));
    if (r.ok) {
      const profile = await getProfile(this.s, step.context);
      profile.refs = [...profile.refs.filter((x) => x !== r.booking.ref), r.booking.ref].slice(-10);
      await sayKey(step.context, 'workshop.booked', {
        title: w.title, date: formatShortFr(w.start), place: this.s.catalogue.sites.get(w.siteId)?.name ?? '', ref: r.booking.ref,
      });
      return step.endDialog();
    }
    if (r.reason === 'already') { await sayKey(step.context, 'workshop.already', { ref: r.booking?.ref ?? '' }); return step.endDialog(); }
    if (r.reason === 'full') return this.yesNo(step, t('workshop.lostRace'));
    await sayKey(step.context, 'workshop.closed');
    return step.endDialog();
  }

  /** Step 10: the last seat went meanwhile; "oui" → the waiting list. */
  private async afterLostRace(step: WaterfallStepContext) {
    if (step.result === true) await this.join(step.context, st(step).chosen!.id, this.holder(step));
    else await sayKey(step.context, 'workshop.stopped');
    return step.endDialog();
  }

  private async join(ctx: TurnContext, workshopId: string, who: SeatHolder): Promise<void> {
    const r = await this.w.joinWaitlist(workshopId, who);
    if (r.ok) await sayKey(ctx, 'workshop.waitJoined', { position: r.position });
    else if (r.reason === 'already') await sayKey(ctx, 'workshop.waitAlready');
    else await sayKey(ctx, 'workshop.closed');
  }
}
