// /api/messages over real HTTP with deliveryMode expectReplies, on a real Redis.
import { startApp, type Running } from './http';
import { formatShortFr } from '../../src/booking/format';
import { REF_CODE_PATTERN } from '../../src/booking/refcode';

let run: Running;
beforeAll(async () => { run = await startApp(); });
afterAll(async () => { await run.app.close(); });

let seq = 0;
function activity(conversationId: string, text: string, extra: Record<string, unknown> = {}) {
  seq += 1;
  return {
    type: 'message', id: `a${seq}`, text, channelId: 'webchat', locale: 'en-US',
    serviceUrl: 'https://attacker.example', deliveryMode: 'expectReplies',
    from: { id: `user-${conversationId}` }, recipient: { id: 'bot' },
    conversation: { id: conversationId }, ...extra,
  };
}

async function post(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return fetch(`${run.base}/api/messages`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

async function say(conv: string, text: string): Promise<string> {
  const res = await post(activity(conv, text));
  expect(res.status).toBe(200);
  const body = (await res.json()) as { activities: { text?: string }[] };
  return body.activities.map((a) => a.text ?? '').join('\n');
}

describe('POST /api/messages', () => {
  it('plays a whole booking with expectReplies and stores it pending in Redis', async () => {
    const conv = `e2e-${Date.now()}`;
    expect(await say(conv, "Bonjour, je voudrais un rendez-vous pour ma mère, elle n'arrive pas à déclarer ses impôts")).toMatch(/commune/);
    expect(await say(conv, 'elle habite à Saint-Herblain')).toMatch(/Quand/);
    const proposals = await say(conv, 'dès que possible');
    const first = /\n1 (.+), ([^,\n]+(?:, [^,\n]+)?)\n/.exec(proposals);
    expect(first).not.toBeNull();
    expect(await say(conv, '1')).toMatch(/nom/);
    expect(await say(conv, 'Madame Paulette Durand')).toMatch(/portable/);
    expect(await say(conv, '06 98 76 54 32')).toMatch(/SMS/);
    expect(await say(conv, 'oui')).toMatch(/Paulette Durand/);
    const done = await say(conv, 'oui');
    const ref = new RegExp(`(${REF_CODE_PATTERN})`).exec(done)?.[1];
    expect(ref).toBeDefined();
    const booking = await run.app.store.bookings.get(ref!);
    expect(run.app.store.kind).toBe('redis');
    expect(booking).toMatchObject({
      status: 'pending', topic: 'impots', requestedBy: 'relative', territory: '44',
      beneficiary: { name: expect.stringMatching(/Paulette Durand$/), phone: '+33698765432' },
    });
    // Booked on the site and at the time of the first proposal.
    expect(first![2]).toBe(run.app.catalogue.sites.get(booking!.siteId)?.name);
    expect(first![1]).toBe(formatShortFr(booking!.start));
    // The slot is really taken in Redis: nobody else can hold it.
    const b = booking!;
    const slot = { id: b.slotId, volunteerId: b.volunteerId, siteId: b.siteId, territory: b.territory, start: b.start, end: b.end, startsAt: b.startsAt, mode: b.mode };
    expect(b.slotId).toBe(`${b.volunteerId}@${b.start}`);
    expect([...(await run.app.store.bookings.takenAmong([slot]))]).toEqual([b.slotId]);
    expect((await run.app.store.bookings.hold(slot, 1000)).ok).toBe(false);
  });

  it('two messages of one person arriving together lose no answer (conversation lock)', async () => {
    const conv = `race-${Date.now()}`;
    const [a, b] = await Promise.all([
      post(activity(conv, "j'ai besoin d'aide pour la caf")),
      new Promise((r) => setTimeout(r, 5)).then(() => post(activity(conv, '44800'))),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    // Both facts were kept: the next question is the time, not the topic or the place.
    expect(await say(conv, 'n\'importe quand')).toMatch(/\n1 .*CCAS de Saint-Herblain/);
  });

  it('speaks French to an en-US client', async () => {
    const text = await say(`fr-${Date.now()}`, 'annuler');
    expect(text).not.toMatch(/Yes|No\b/);
    expect(text).toMatch(/rendez-vous/);
  });

  it('refuses anonymous calls that would make the bot post to a foreign serviceUrl', async () => {
    const res = await post(activity('x', 'bonjour', { deliveryMode: undefined }));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'Forbidden' } });
  });

  it('answers 4xx with a JSON error for bad bodies', async () => {
    const big = await post(JSON.stringify(activity('x', 'a'.repeat(70 * 1024))));
    expect(big.status).toBe(413);
    expect(await big.json()).toHaveProperty('message');
    const notJson = await post('text=bonjour', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(notJson.status).toBe(400);
    const broken = await post('{"type":', { 'content-type': 'application/json' });
    expect(broken.status).toBe(400);
  });

  it('reports health and metrics', async () => {
    const health = await fetch(`${run.base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', store: 'redis' });
    const metrics = await (await fetch(`${run.base}/metrics`)).text();
    expect(metrics).toMatch(/cx_turns_total\{channel="webchat"\} \d+/);
  });
});
