// What the channels cost a territory, counted per Paris day: SMS messages and segments per
// provider and direction, phone calls and their billed minutes. Atomic counters in the store
// (one per territory, day and figure), kept USAGE_DAYS; the statistics read them back.
import { DateTime } from 'luxon';
import type { CountersPort } from '../store/counters';
import { ZONE } from '../booking/slots';
import { SMS_PROVIDERS, type SmsProviderName } from '../notify/providers/port';

const USAGE_DAYS = 400;
const TTL_MS = USAGE_DAYS * 24 * 3600_000;
/** No range read covers more days than this (a year and a bit). */
const MAX_DAYS = USAGE_DAYS;

export interface SmsUsage { messagesIn: number; messagesOut: number; segmentsIn: number; segmentsOut: number }
export interface Usage {
  /** Per provider: what the territory's people sent (in) and were sent (out), TwiML replies included. */
  sms: Record<SmsProviderName, SmsUsage>;
  /** Phone calls that ended in the range, and their minutes as billed (each started minute). */
  voice: { calls: number; minutes: number };
}

type Figure = `sms:${SmsProviderName}:${keyof SmsUsage}` | 'voice:calls' | 'voice:minutes';

const dayOf = (at: Date) => DateTime.fromJSDate(at, { zone: ZONE }).toFormat('yyyy-MM-dd');
const key = (territory: string, day: string, figure: Figure) => `usage:${territory}:${day}:${figure}`;

export class UsageCounter {
  constructor(private readonly counters: CountersPort, private readonly now: () => Date = () => new Date()) {}

  private async add(territory: string, figure: Figure, n: number): Promise<void> {
    const k = key(territory, dayOf(this.now()), figure);
    // countHit is the store's atomic increment (one per unit; n is a few segments or minutes).
    await Promise.all(Array.from({ length: Math.max(0, Math.min(n, 1000)) }, () => this.counters.countHit(k, TTL_MS)));
  }

  async sms(territory: string, provider: SmsProviderName, direction: 'in' | 'out', segments: number): Promise<void> {
    const d = direction === 'in' ? 'In' : 'Out';
    await Promise.all([this.add(territory, `sms:${provider}:messages${d}`, 1), this.add(territory, `sms:${provider}:segments${d}`, segments)]);
  }

  async call(territory: string, seconds: number): Promise<void> {
    await Promise.all([this.add(territory, 'voice:calls', 1), this.add(territory, 'voice:minutes', Math.ceil(seconds / 60))]);
  }

  /** The territory's usage over Paris days [from, to] (YYYY-MM-DD, both included). */
  async read(territory: string, from: string, to: string): Promise<Usage> {
    const days: string[] = [];
    for (let d = DateTime.fromISO(from, { zone: ZONE }); d.toFormat('yyyy-MM-dd') <= to && days.length < MAX_DAYS; d = d.plus({ days: 1 })) days.push(d.toFormat('yyyy-MM-dd'));
    const figures: Figure[] = [
      ...SMS_PROVIDERS.flatMap((p) => (['messagesIn', 'messagesOut', 'segmentsIn', 'segmentsOut'] as const).map((f) => `sms:${p}:${f}` as const)),
      'voice:calls', 'voice:minutes',
    ];
    const totals = new Map<Figure, number>();
    await Promise.all(figures.map(async (f) => {
      const counts = await Promise.all(days.map((day) => this.counters.hitCount(key(territory, day, f))));
      totals.set(f, counts.reduce((a, b) => a + b, 0));
    }));
    const sms = Object.fromEntries(SMS_PROVIDERS.map((p) => [p, {
      messagesIn: totals.get(`sms:${p}:messagesIn`) ?? 0, messagesOut: totals.get(`sms:${p}:messagesOut`) ?? 0,
      segmentsIn: totals.get(`sms:${p}:segmentsIn`) ?? 0, segmentsOut: totals.get(`sms:${p}:segmentsOut`) ?? 0,
    }])) as Record<SmsProviderName, SmsUsage>;
    return { sms, voice: { calls: totals.get('voice:calls') ?? 0, minutes: totals.get('voice:minutes') ?? 0 } };
  }
}
