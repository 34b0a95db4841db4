// Round trips per RedisStore operation (a regression guard: these are the latency budget).
// A round trip = a batch of commands sent while no earlier reply was awaited.
import Redis from 'ioredis';
import { RedisStore } from '../../src/store/redis';
import { testPrefix, testRedisUrl } from '../support/redis';
import { makeBooking, makeSlot } from './fixtures';
import { deletePrefix } from './redis-helpers';

function countingRedis(): { redis: Redis; take(): { trips: number; commands: number } } {
  const redis = new Redis(testRedisUrl());
  let inflight = 0;
  let trips = 0;
  let commands = 0;
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = ((cmd: Parameters<Redis['sendCommand']>[0], stream?: Parameters<Redis['sendCommand']>[1]) => {
    if (inflight === 0) trips++;
    inflight++;
    commands++;
    const done = () => { inflight--; };
    cmd.promise.then(done, done);
    return send(cmd, stream);
  }) as Redis['sendCommand'];
  return {
    redis,
    take() {
      const r = { trips, commands };
      trips = 0;
      commands = 0;
      return r;
    },
  };
}

describe('RedisStore round trips', () => {
  const prefix = testPrefix('rtt');
  const { redis, take } = countingRedis();
  const store = new RedisStore(redis, prefix);
  afterAll(async () => {
    await store.close();
    await deletePrefix(prefix);
  });

  it('stays within its budget', async () => {
    await store.ping(); // connect and load nothing else into the counts
    take();
    const s = makeSlot(1);
    const h = await store.bookings.hold(s, 10_000);
    expect(take()).toEqual({ trips: 1, commands: 1 });
    if (!h.ok) throw new Error('hold');
    const b = makeBooking(s);
    // First EVALSHA of a script may need one EVAL after NOSCRIPT: warm it as a real process would.
    expect((await store.bookings.commit(b, h.holdId)).ok).toBe(true);
    const commit = take();
    expect(commit.trips).toBeLessThanOrEqual(3);
    const s2 = makeSlot(2);
    const h2 = await store.bookings.hold(s2, 10_000);
    take();
    if (!h2.ok) throw new Error('hold');
    await store.bookings.commit(makeBooking(s2), h2.holdId);
    expect(take()).toEqual({ trips: 2, commands: 4 });
    await store.bookings.takenAmong([s, s2, makeSlot(3), makeSlot(1, { territory: '49', volunteerId: 'x' })]);
    expect(take()).toEqual({ trips: 1, commands: 2 });
    await store.documents.write({ a: { value: 1 }, b: { value: 2 } });
    take();
    await store.documents.write({ a: { value: 1 }, b: { value: 2 } });
    expect(take()).toEqual({ trips: 1, commands: 2 });
    await store.documents.read(['a', 'b']);
    expect(take()).toEqual({ trips: 1, commands: 2 });
    await store.documents.withLock('k', async () => undefined);
    take();
    let acquire: ReturnType<typeof take> | undefined;
    await store.documents.withLock('k', async () => { acquire = take(); });
    expect(acquire).toEqual({ trips: 1, commands: 1 }); // uncontended acquire
    expect(take()).toEqual({ trips: 1, commands: 1 }); // release
    // A conversation's turn: lock + read in one round trip, write + release in another.
    await store.documents.withLockedDoc('turn', (t) => t.saveAndRelease({ n: 1 }, t.doc?.eTag));
    take();
    let locked: ReturnType<typeof take> | undefined;
    await store.documents.withLockedDoc('turn', async (t) => {
      locked = take();
      expect(t.doc?.value).toEqual({ n: 1 });
      await t.saveAndRelease({ n: 2 }, t.doc?.eTag);
    });
    expect(locked).toEqual({ trips: 1, commands: 1 });
    expect(take()).toEqual({ trips: 1, commands: 1 });
    await store.documents.withLockedDoc('turn', async () => { take(); }); // nothing changed: release only
    expect(take()).toEqual({ trips: 1, commands: 1 });
    await store.bookings.get(b.ref);
    expect(take()).toEqual({ trips: 1, commands: 1 }); // ref → territory cached after commit
  });
});
