// Child process of concurrency.test.ts: one "bot process" hammering the shared Redis.
// Env: REDIS_URL, PREFIX, SCENARIO, ATTEMPTS, WORKER. Prints "ready", waits for "go" on
// stdin (so both processes start together), then prints one JSON line with its results.
import Redis from 'ioredis';
import { RedisStore } from '../../src/store/redis';
import { makeBooking, makeSlot } from './fixtures';
import { makeSeat, makeWorkshop } from './workshop-fixtures';

const env = (k: string) => {
  const v = process.env[k];
  if (!v) throw new Error(`missing ${k}`);
  return v;
};
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const store = new RedisStore(new Redis(env('REDIS_URL')), env('PREFIX'));
  const scenario = env('SCENARIO');
  const attempts = Number(env('ATTEMPTS'));
  const worker = env('WORKER');
  await store.ping();
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));

  let result: unknown;
  if (scenario === 'one-slot' || scenario === 'many-slots' || scenario === 'expiring') {
    const nSlots = scenario === 'one-slot' ? 1 : 20;
    const ttl = scenario === 'expiring' ? 5 : 10_000;
    const outcomes = await Promise.all(Array.from({ length: attempts }, async (_, i) => {
      const slot = makeSlot(i % nSlots);
      const h = await store.bookings.hold(slot, ttl);
      if (!h.ok) return { slot: slot.id, held: false, ref: null };
      if (scenario === 'expiring') await sleep(Math.random() * 10);
      const c = await store.bookings.commit(makeBooking(slot, { conversationId: `${worker}-${i}` }), h.holdId);
      return { slot: slot.id, held: true, ref: c.ok ? c.booking.ref : null };
    }));
    result = { outcomes };
  } else if (scenario === 'workshop-seats') {
    // Everyone asks for a seat of the same workshop at once (created by the test).
    const w = makeWorkshop({ id: env('WORKSHOP_ID'), seats: Number(env('SEATS')) });
    const outcomes = await Promise.all(Array.from({ length: attempts }, async (_, i) => {
      const r = await store.workshops.takeSeat(makeSeat(w, { beneficiary: { name: `P ${worker} ${i}`, phone: `+3361${worker === 'w1' ? 1 : 2}${String(i).padStart(6, '0')}` } }), Date.now());
      return r.ok ? { ref: r.booking.ref, reason: null } : { ref: null, reason: r.reason };
    }));
    result = { outcomes };
  } else if (scenario === 'lock') {
    let violations = 0;
    const tokens: number[] = [];
    await Promise.all(Array.from({ length: attempts }, () => store.documents.withLock('counter', async (token) => {
      const cur = (await store.documents.read(['counter'])).counter?.value as { n: number; fence: number } | undefined;
      if (cur && token <= cur.fence) violations++;
      tokens.push(token);
      // '*' on purpose: without the lock these read-modify-writes would lose updates.
      await store.documents.write({ counter: { value: { n: (cur?.n ?? 0) + 1, fence: token }, eTag: '*' } });
    }, { waitMs: 20_000 })));
    result = { tokens, violations };
  } else {
    throw new Error(`unknown scenario ${scenario}`);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await store.close();
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
