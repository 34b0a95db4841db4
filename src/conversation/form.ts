// The booking request as it is being filled in, and which question comes next. Pure: the
// dialog does the talking and the storage, this decides what is still missing.
import type { Slot, TopicId, LocalDateTime } from '../booking/model';

export type Question =
  | 'topic' | 'forWhom' | 'place' | 'placeChoice' | 'when' | 'whenChoice'
  | 'proposal' | 'address' | 'noHome' | 'name' | 'phone' | 'consent' | 'recap' | 'change';

export interface FormPlace {
  insee: string;
  commune: string;
  postcode: string;
  lat: number;
  lon: number;
  territory: string;
}

/** `hours`: daily hours over several days ("la semaine prochaine, pas le matin"), for the slot search. */
export type Window = { any: true } | { from: LocalDateTime; to: LocalDateTime; hours?: { from: string; to: string } };

export interface Form {
  topic: TopicId | null;
  forOther: boolean | null;
  homeVisit: boolean;
  place: FormPlace | null;
  placeCandidates: { insee: string; commune: string; postcode: string }[] | null;
  when: Window | null;
  whenOptions: { from: LocalDateTime; to: LocalDateTime }[] | null;
  proposals: Slot[] | null;
  inWindow: boolean;
  chosen: { slot: Slot; holdId: string } | null;
  name: string | null;
  phone: string | null;
  smsConsent: boolean | null;
  /** Street address of a home visit, asked once its slot is chosen (the volunteer goes there). */
  homeAddress?: { line: string; postcode: string; commune: string } | null;
  awaiting: Question | null;
  failures: number;
  /** Proposals shown so far (shownKey), not shown again when the person asks for others. */
  shown?: string[];
  /** The person asked for the next proposals ("aucun ne me va"): nothing new is said so. */
  more?: boolean;
  /** Set while the request waits behind the menu: its held slot is kept, not released. */
  suspended?: boolean;
}

export function emptyForm(): Form {
  return {
    topic: null, forOther: null, homeVisit: false, place: null, placeCandidates: null,
    when: null, whenOptions: null, proposals: null, inWindow: true, chosen: null,
    name: null, phone: null, smsConsent: null, awaiting: null, failures: 0,
  };
}

export interface FlowContext {
  /** SMS conversations already know the writer's own mobile number. */
  channel: 'sms' | 'web';
  /**
   * Show the soonest proposals instead of asking "when" first: each of them already says
   * "ou donnez un autre jour", so on SMS the question would only cost a message.
   */
  soonestFirst?: boolean;
}

/** The first thing still missing: need, for whom, where, when, slot, name, phone, consent, recap. */
export function nextQuestion(form: Form, ctx: FlowContext): Question {
  if (!form.topic) return 'topic';
  if (form.forOther === null) return 'forWhom';
  if (form.placeCandidates?.length) return 'placeChoice';
  if (!form.place) return 'place';
  if (form.whenOptions?.length) return 'whenChoice';
  if (!form.when && !ctx.soonestFirst) return 'when';
  if (!form.chosen) return 'proposal';
  if (form.chosen.slot.mode === 'home' && !form.homeAddress) return 'address';
  if (!form.name) return 'name';
  if (!form.phone) return 'phone';
  // A relative (or anyone on the web) books for a phone that is not theirs: ask consent.
  if (form.smsConsent === null && (form.forOther || ctx.channel === 'web')) return 'consent';
  return 'recap';
}

/** What a new time window invalidates: the proposals and the slot chosen among them. */
export function withWhen(form: Form, when: Window): Form {
  return { ...form, when, whenOptions: null, proposals: null, chosen: null, shown: [], more: false };
}

export function withPlace(form: Form, place: FormPlace): Form {
  // Only what the form needs: the place reader's answer also lists every site by distance,
  // which would otherwise be stored in the conversation's state and rewritten every turn.
  const { insee, commune, postcode, lat, lon, territory } = place;
  return { ...form, place: { insee, commune, postcode, lat, lon, territory }, placeCandidates: null, proposals: null, chosen: null, homeAddress: null, shown: [], more: false };
}
