// Loads a territory's bookings of a date range and counts them (src/stats/index.ts).
import { z } from 'zod';
import type { Store } from '../store/store';
import { allPages } from '../store/paging';
import { UsageCounter } from './usage';
import { computeStats, defaultRange, rangeBounds, type Stats } from '.';

const MAX_BOOKINGS = 200_000;
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').refine((d) => rangeBounds(d, d) !== null, 'not a calendar day');
export const StatsQuery = z.object({ from: Day.optional(), to: Day.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be before "from"', path: ['to'] });

export class StatsService {
  private readonly usage: UsageCounter;
  constructor(private readonly d: { store: Pick<Store, 'bookings' | 'counters' | 'workshops'>; now: () => Date }) {
    this.usage = new UsageCounter(d.store.counters, d.now);
  }

  /** Range with defaults (the last twelve months up to today). */
  range(q: { from?: string; to?: string }): { from: string; to: string } {
    const def = defaultRange(this.d.now());
    return { from: q.from ?? (q.to && q.to < def.from ? q.to : def.from), to: q.to ?? def.to };
  }

  async stats(territory: string, q: { from?: string; to?: string }): Promise<Stats> {
    const { from, to } = this.range(q);
    const b = rangeBounds(from, to)!;
    const bookings = await allPages((offset, limit) => this.d.store.bookings.list({ territory, from: b.fromMs, to: b.toMs, offset, limit }), 1000, MAX_BOOKINGS);
    const workshops = await this.d.store.workshops.listWorkshops(territory, { from: b.fromMs, to: b.toMs });
    return { ...computeStats(bookings, { territory, from, to }, workshops), usage: await this.usage.read(territory, from, to) };
  }
}
