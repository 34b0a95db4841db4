// Item 4: race trials through the Store from 2 processes on one throw-away Redis.
import Redis from 'ioredis';
import { startChild } from '../lib/proc';
import { redisKeys } from '../../src/store/keys';
import { makeSlot } from '../../test/store/fixtures';
import type { Trial, TrialOutcome } from '../contention-worker';
import { fmt } from '../lib/stats';
import { log, type Section } from '../lib/report';

export async function runContention(o: { redisUrl: string; trials: number; slotsPerTrial: number; clientsPerProcess: number; slotGoneOverHttp: { ok: boolean; text: string } }): Promise<Section> {
  const prefix = 'race:'; // its own keys on the run's Redis
  const env = { REDIS_URL: o.redisUrl, REDIS_PREFIX: prefix };
  const workers = await Promise.all([0, 1].map((w) => startChild('contention-worker.ts', [], { ...env, WORKER_ID: String(w) })));
  const LATE_EVERY = 10;
  try {
    const all: Trial[] = Array.from({ length: o.trials }, (_, trial) => ({
      trial, slots: Array.from({ length: o.slotsPerTrial }, (_, n) => makeSlot(n, { volunteerId: `race-${trial}` })),
    }));
    const t0 = performance.now();
    const outcomes = new Map<number, TrialOutcome[]>();
    let refRetries = 0;
    const BATCH = 500;
    for (let i = 0; i < all.length; i += BATCH) {
      const batch = all.slice(i, i + BATCH);
      // Both processes get the same trials at the same moment: their clients race for the same slots.
      const answers = await Promise.all(workers.map((w) => w.request<{ outcomes?: TrialOutcome[]; fatal?: string; refRetries?: number }>({ cmd: 'run', trials: batch, clients: o.clientsPerProcess, lateEvery: LATE_EVERY, parallel: 25 })));
      for (const a of answers) {
        if (a.fatal) throw new Error(a.fatal);
        refRetries += a.refRetries ?? 0;
        for (const out of a.outcomes!) outcomes.set(out.trial, [...(outcomes.get(out.trial) ?? []), out]);
      }
    }
    const elapsed = (performance.now() - t0) / 1000;

    // Check every slot in Redis: booked by at most one client, and by the one told it won.
    const k = redisKeys(prefix);
    const redis = new Redis(o.redisUrl);
    let doubleBookings = 0, mismatches = 0, wins = 0, refused = 0, holdLost = 0, errors = 0, clients = 0;
    const errorSamples: string[] = [];
    for (const t of all) {
      const outs = outcomes.get(t.trial) ?? [];
      const w = outs.flatMap((x) => x.wins);
      wins += w.length;
      refused += outs.reduce((n, x) => n + x.refused, 0);
      holdLost += outs.reduce((n, x) => n + x.holdLost, 0);
      for (const x of outs) { errors += x.errors.length; errorSamples.push(...x.errors.slice(0, 2)); }
      clients += o.clientsPerProcess * 2;
      const bySlot = new Map<string, string[]>();
      for (const x of w) bySlot.set(x.slotId, [...(bySlot.get(x.slotId) ?? []), x.ref]);
      for (const refs of bySlot.values()) if (refs.length > 1) doubleBookings += refs.length - 1;
      const stored = await redis.mget(t.slots.map((s) => k.slot(s.territory, s.id)));
      t.slots.forEach((s, i) => {
        const winners = bySlot.get(s.id) ?? [];
        if (winners.length === 1 && stored[i] !== winners[0]) mismatches += 1;
        if (winners.length === 0 && stored[i] !== null && !/^[0-9a-f]{24}$/.test(stored[i]!)) mismatches += 1; // only an expiring hold may remain
      });
    }
    const indexed = await redis.zcard(k.idxAll('44'));
    await redis.quit();
    const told = wins + refused + holdLost;
    log(`contention: ${o.trials} trials in ${fmt(elapsed, 1)} s, ${wins} bookings, ${doubleBookings} double, ${refused} refused, ${holdLost} hold-lost, ${errors} errors`);
    return {
      title: `4. Contention: ${o.trials.toLocaleString('en')} race trials, 2 processes × ${o.clientsPerProcess} clients for ${o.slotsPerTrial} slots each, through the Store`,
      header: ['trials', 'clients', 'bookings', 'double bookings', 'slot ≠ winner in Redis', 'losers: hold refused', 'losers: hold-lost at commit', 'exceptions', 'bookings in index', 'time s', 'trials/s'],
      rows: [[String(o.trials), String(clients), String(wins), String(doubleBookings), String(mismatches), String(refused), String(holdLost), String(errors), String(indexed), fmt(elapsed, 1), fmt(o.trials / elapsed, 0)]],
      bars: [
        { what: 'double bookings', value: String(doubleBookings + mismatches), bar: '0', met: doubleBookings + mismatches === 0 },
        { what: 'every client told its outcome (booked, hold refused or hold-lost; no exception)', value: `${told}/${clients}, ${errors} exceptions`, bar: 'all', met: told === clients && errors === 0 && indexed === wins },
        { what: 'loser over HTTP told "vient d\'être pris"', value: o.slotGoneOverHttp.text, bar: 'polite French answer', met: o.slotGoneOverHttp.ok },
      ],
      notes: [
        `Booking references drawn again after a DuplicateRefError (random 6-character refs colliding, as the dialog retries too): ${refRetries}.`,
        `Every ${LATE_EVERY}th client holds for 5 ms and commits 15 ms later (its hold has expired): the store must answer hold-lost, never book.`,
        'The HTTP check: two conversations reach the same proposals; both answer 1; the second is told the slot was just taken and gets new proposals.',
        ...errorSamples.slice(0, 3).map((e) => `exception sample: ${e}`),
      ],
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}
