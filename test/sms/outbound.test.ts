// The outbound SMS queue against the local Twilio stand-in: outages (500, 429, hang) delay
// messages, lose none and double none — with BullMQ on a real Redis and in process.
import { BullOutbound } from '../../src/notify/bullmq-queue';
import { MemoryOutbound } from '../../src/notify/memory-queue';
import { smsDeliver } from '../../src/channels/sms/deliver';
import type { OutboundOptions, OutboundSms, SendDeps } from '../../src/notify/outbound';
import { isGsm7, segments, toGsm7 } from '../../src/sms-text/gsm7';
import { LocalAdapter } from '../../src/channels/local-adapter';
import { createRedisStore, MemoryStore } from '../../src/store';
import type { Store } from '../../src/store/store';
import { silentLogger } from '../../src/log';
import { testPrefix, testRedisUrl } from '../support/redis';
import { startTwilioStandin, type TwilioStandin } from '../support/twilio-standin';

const OPTIONS: OutboundOptions = { attempts: 8, backoffMs: 20, requestTimeoutMs: 150, dedupMs: 60_000, concurrency: 4 };

async function idle(q: OutboundSms, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while ((await q.pending()) > 0) {
    if (Date.now() > end) throw new Error('queue not drained');
    await new Promise((r) => setTimeout(r, 15));
  }
}

const numbers = (n: number) => Array.from({ length: n }, (_, i) => `+336${String(10000000 + i).padStart(8, '0')}`);

interface Kind {
  name: string;
  make(store: Store, deps: Omit<SendDeps, 'store'>, prefix: string): OutboundSms;
  store(prefix: string): Promise<Store>;
}

const KINDS: Kind[] = [
  {
    name: 'BullMQ on Redis',
    make: (store, deps, prefix) => new BullOutbound({ ...deps, store }, { redisUrl: testRedisUrl(), prefix }),
    store: (prefix) => createRedisStore(testRedisUrl(), prefix),
  },
  {
    name: 'in-process queue',
    make: (store, deps) => new MemoryOutbound({ ...deps, store }),
    store: async () => new MemoryStore(),
  },
];

describe.each(KINDS)('outbound SMS — $name', (kind) => {
  let standin: TwilioStandin;
  let store: Store;
  let prefix: string;
  const queues: OutboundSms[] = [];

  function queue(options: Partial<OutboundOptions> = {}, twilio: Partial<SendDeps['twilio']> = {}): OutboundSms {
    const q = kind.make(store, {
      logger: silentLogger,
      options: { ...OPTIONS, ...options },
      twilio: { apiUrl: standin.url, accountSid: standin.accountSid, authToken: standin.authToken, from: '+33939000000', messagingServiceSid: '', ...twilio },
    }, prefix);
    queues.push(q);
    return q;
  }

  beforeEach(async () => {
    standin = await startTwilioStandin();
    prefix = testPrefix('sms-out');
    store = await kind.store(prefix);
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.close()));
    await store.close();
    await standin.close();
  });

  it('delivers every message exactly once through a 500 outage, timeouts, late answers, then recovery', async () => {
    const q = queue();
    standin.setMode('fail');
    const to = numbers(6);
    const body = (i: number) => `Votre rendez-vous numéro ${i} est confirmé.`;
    for (const [i, n] of to.entries()) await q.send(n, body(i), { key: `confirm:${i}` });
    await standin.waitForRequests(6); // each one failed once at least
    standin.setMode('hang');
    await standin.waitForRequests(standin.requests.length + 4);
    // Accepted, but answered after our timeout: the retry must find it and not send again.
    standin.setMode('slow');
    await standin.waitForMessages(2);
    standin.setMode('ok');
    await idle(q);
    expect(standin.requests).toEqual(expect.arrayContaining(['fail', 'hang', 'slow', 'ok']));
    const got = standin.messages.map((m) => `${m.to} ${m.body}`).sort();
    expect(got).toEqual(to.map((n, i) => `${n} ${body(i)}`).sort());
    expect(standin.messages.every((m) => m.from === '+33939000000')).toBe(true);
  });

  it('retries a 429 and gives up at once on another 4xx', async () => {
    const q = queue();
    standin.setMode('throttle');
    await q.send('+33611111111', 'Un message.');
    await standin.waitForRequests(2);
    standin.setMode('reject');
    await idle(q);
    const afterReject = standin.requests.length;
    expect(standin.requests[afterReject - 1]).toBe('reject');
    standin.setMode('ok');
    await new Promise((r) => setTimeout(r, 300));
    expect(standin.requests.length).toBe(afterReject); // no retry after the 400
    expect(standin.messages).toHaveLength(0);
  });

  it('stops after the configured number of attempts', async () => {
    const q = queue({ attempts: 3, backoffMs: 5 });
    standin.setMode('fail');
    await q.send('+33611111112', 'Un message.');
    await idle(q);
    await new Promise((r) => setTimeout(r, 100));
    expect(standin.requests).toEqual(['fail', 'fail', 'fail']);
  });

  it('enqueues a message once per idempotency key', async () => {
    const q = queue();
    await Promise.all([1, 2, 3].map(() => q.send('+33622222222', 'Rappel : rendez-vous demain.', { key: 'reminder:ABC-123' })));
    await idle(q);
    await q.send('+33622222222', 'Rappel : rendez-vous demain.', { key: 'reminder:ABC-123' }); // after delivery too
    await q.send('+33622222222', 'Rappel : rendez-vous demain.', { key: 'reminder:ABC-124' });
    await idle(q);
    expect(standin.messages.map((m) => m.body)).toEqual(['Rappel : rendez-vous demain.', 'Rappel : rendez-vous demain.']);
  });

  it('never sends to an opted-out number, even one that opted out while a retry was waiting', async () => {
    const q = queue({ backoffMs: 100 });
    await store.counters.setOptOut('+33633333333', true);
    await q.send('+33633333333', 'Pas pour vous.');
    standin.setMode('fail');
    await q.send('+33644444444', 'Pas pour vous non plus.');
    await standin.waitForRequests(1);
    await store.counters.setOptOut('+33644444444', true);
    standin.setMode('ok');
    await idle(q);
    expect(standin.messages).toHaveLength(0);
    expect(standin.requests).toEqual(['fail']);
  });

  it('sends GSM-7 only, at most 3 segments a message, and resumes a split message after the part sent', async () => {
    const q = queue({}, { messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' });
    const odd = 'Œuvre « spéciale » … l’été, ça va ? 🙂 Très bien.';
    await q.send('+33655555555', odd);
    const long = Array.from({ length: 14 }, (_, i) => `Phrase numéro ${i + 1} d'un très long message, assez longue.`).join(' ');
    // The first part goes out, then Twilio fails: the retry must send only the second part.
    standin.onAccepted = (m) => { if (m.to === '+33666666666') { standin.setMode('fail'); standin.onAccepted = undefined; setTimeout(() => standin.setMode('ok'), 120); } };
    await idle(q);
    await q.send('+33666666666', long);
    await idle(q);
    const [short, ...parts] = standin.messages;
    expect(short.body).toBe(toGsm7(odd).trim());
    expect(short.body).toMatch(/^OEuvre " spéciale " \.\.\. l'été, ca va \? Très bien\.$/);
    expect(short.messagingServiceSid).toBe('MG0123456789abcdef0123456789abcdef');
    expect(short.from).toBeUndefined();
    expect(parts.length).toBe(2);
    expect(standin.requests).toContain('fail');
    for (const m of standin.messages) {
      expect(isGsm7(m.body)).toBe(true);
      expect(segments(m.body)).toBeLessThanOrEqual(3);
    }
    expect(parts.map((p) => p.body).join(' ')).toBe(toGsm7(long));
  });

  it('carries proactive turns on channel sms (LocalAdapter deliver)', async () => {
    const q = queue();
    const adapter = new LocalAdapter(smsDeliver(q));
    await adapter.continueConversation(
      { channelId: 'sms', conversation: { id: '+33677777777', isGroup: false, conversationType: 'personal', name: '' }, user: { id: '+33677777777', name: '' }, bot: { id: 'bot', name: '' }, serviceUrl: '' },
      async (ctx) => { await ctx.sendActivities([{ type: 'message', text: 'Votre rendez-vous est confirmé.' }, { type: 'message', text: 'À bientôt !' }]); },
    );
    await idle(q);
    expect(standin.messages.map((m) => [m.to, m.body])).toEqual([['+33677777777', 'Votre rendez-vous est confirmé.\nA bientot !']]);
  });

  it('refuses a recipient that is not an E.164 number', async () => {
    const q = queue();
    await expect(q.send('0612345678', 'x')).rejects.toThrow(/E\.164/);
  });
});

describe('outbound SMS — two BullMQ workers on one Redis', () => {
  it('sends each message once whichever process works it', async () => {
    const standin = await startTwilioStandin();
    const prefix = testPrefix('sms-out2');
    const store = await createRedisStore(testRedisUrl(), prefix);
    const deps = {
      store, logger: silentLogger, options: OPTIONS,
      twilio: { apiUrl: standin.url, accountSid: standin.accountSid, authToken: standin.authToken, from: '+33939000000', messagingServiceSid: '' },
    };
    const a = new BullOutbound(deps, { redisUrl: testRedisUrl(), prefix });
    const b = new BullOutbound(deps, { redisUrl: testRedisUrl(), prefix });
    try {
      standin.setMode('fail');
      const to = numbers(20);
      // Both processes enqueue the same messages (e.g. one webhook delivered to both).
      await Promise.all(to.flatMap((n, i) => [a, b].map((q) => q.send(n, `Message ${i}`, { key: `m:${i}` }))));
      await standin.waitForRequests(10);
      standin.setMode('ok');
      await idle(a);
      expect(standin.messages.map((m) => m.body).sort()).toEqual(to.map((_, i) => `Message ${i}`).sort());
    } finally {
      await a.close();
      await b.close();
      await store.close();
      await standin.close();
    }
  });
});
