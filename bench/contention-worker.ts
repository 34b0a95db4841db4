// Item 4's worker process: many clients race for few slots through the Store (hold, then
// bookings.commit), on the shared throw-away Redis. Two of these run at once.
import { createRedisStore } from '../src/store/redis';
import { DuplicateRefError } from '../src/booking/refcode';
import type { Slot } from '../src/booking/model';
import { makeBooking } from '../test/store/fixtures';

export interface Trial { trial: number; slots: Slot[] }
export interface TrialOutcome {
  trial: number;
  wins: Array<{ slotId: string; ref: string }>;
  /** Clients that got no slot: every hold refused, or their hold lost at commit. */
  refused: number;
  holdLost: number;
  errors: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const store = await createRedisStore(process.env.REDIS_URL!, process.env.REDIS_PREFIX ?? 'cx:');
  const worker = process.env.WORKER_ID ?? '0';
  let refRetries = 0;

  /** One client: tries the slots in a random order until one is booked or all are refused. */
  const client = async (t: Trial, c: number, late: boolean, out: TrialOutcome) => {
    const order = [...t.slots].sort(() => Math.random() - 0.5);
    for (const slot of order) {
      // A late client lets its hold expire before committing: the commit must say hold-lost.
      const held = await store.bookings.hold(slot, late ? 5 : 10_000);
      if (!held.ok) continue;
      if (late) await sleep(15);
      const draft = () => makeBooking(slot, { conversationId: `w${worker}-c${c}`, beneficiary: { name: 'Jeanne Martin', phone: `+3361200${String(c).padStart(4, '0')}` } });
      // Random 6-character refs collide now and then over tens of thousands of bookings:
      // draw another, as the booking dialog does.
      let r;
      for (let attempt = 0; !r; attempt++) {
        try { r = await store.bookings.commit(draft(), held.holdId); } catch (err) {
          if (!(err instanceof DuplicateRefError) || attempt >= 3) throw err;
          refRetries += 1;
        }
      }
      if (r.ok) { out.wins.push({ slotId: slot.id, ref: r.booking.ref }); return; }
      if (r.reason === 'hold-lost') { out.holdLost += 1; return; }
      out.errors.push(`unexpected commit result ${JSON.stringify(r)}`);
      return;
    }
    out.refused += 1;
  };

  process.on('message', (m: { id: number; cmd: 'run'; trials: Trial[]; clients: number; lateEvery: number; parallel: number }) => {
    if (m.cmd !== 'run') return;
    (async () => {
      const outcomes: TrialOutcome[] = [];
      let next = 0;
      await Promise.all(Array.from({ length: m.parallel }, async () => {
        while (next < m.trials.length) {
          const t = m.trials[next++];
          const out: TrialOutcome = { trial: t.trial, wins: [], refused: 0, holdLost: 0, errors: [] };
          await Promise.all(Array.from({ length: m.clients }, (_, c) =>
            client(t, c, m.lateEvery > 0 && (t.trial + c) % m.lateEvery === 0, out).catch((err) => { out.errors.push(String(err)); })));
          outcomes.push(out);
        }
      }));
      process.send!({ id: m.id, outcomes, refRetries });
    })().catch((err) => process.send!({ id: m.id, fatal: String(err) }));
  });
  process.on('disconnect', () => { void store.close().finally(() => process.exit(0)); });
  process.send!({ ready: true });
}

main().catch((err) => { process.stderr.write(`contention worker: ${String(err)}\n`); process.exit(1); });
