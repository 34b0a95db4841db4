// The coordinator JSON API end to end: real HTTP, real Redis, SMS to the Twilio stand-in.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { formatShortFr } from '../../src/booking/format';
import { segments, toGsm7 } from '../../src/sms-text/gsm7';
import { placeAt } from '../../src/notices/compose';
import { testRedisUrl } from '../support/redis';
import { api, book, expectMessages, freeSlot, messagesTo, withCoordinators, type Coord } from './helpers';

const run = promisify(execFile);

let c: Coord;
let token44: string;
let token95: string;
withCoordinators((x) => ({ c, token44, token95 } = x));

const siteName = (id: string) => c.app.catalogue.sites.get(id)!.name;

describe('authorisation', () => {
  it('401 without a token or with an unknown one, 403 outside the territory, 200 inside', async () => {
    const b = await book(c.app, { territory: '44' });
    const noToken = await api(c.base).get(`/bookings/${b.ref}`);
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect(await noToken.json()).toMatchObject({ error: { code: 'Unauthorized' } });
    expect((await api(c.base, 'cxc_not-a-real-token').get('/bookings')).status).toBe(401);
    expect((await api(c.base, token95).get(`/bookings/${b.ref}`)).status).toBe(403);
    expect((await api(c.base, token95).post(`/bookings/${b.ref}/confirm`)).status).toBe(403);
    expect((await c.app.store.bookings.get(b.ref))!.status).toBe('pending');
    const own = await api(c.base, token44).get(`/bookings/${b.ref}`);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ booking: { ref: b.ref, status: 'pending', siteName: siteName(b.siteId) }, audit: [] });
    // Listing never shows another territory's bookings.
    const list = (await (await api(c.base, token95).get('/bookings?limit=200')).json()) as { items: Array<{ territory: string }> };
    expect(list.items.every((i) => i.territory === '95')).toBe(true);
  });

  it('accounts made by `npm run coordinator` work, are listed, and stop working once revoked', async () => {
    const env = { ...process.env, REDIS_URL: testRedisUrl(), REDIS_PREFIX: c.prefix };
    const tsx = require.resolve('tsx/cli');
    const added = await run(process.execPath, [tsx, 'scripts/coordinator.ts', 'add', '--name', 'Coordination Loire-Atlantique', '--territory', '44'], { env });
    const token = /token: (\S+)/.exec(added.stdout)![1];
    const id = /id: (\S+)/.exec(added.stdout)![1];
    const b = await book(c.app, { territory: '44' });
    expect((await api(c.base, token).get(`/bookings/${b.ref}`)).status).toBe(200);
    const listed = await run(process.execPath, [tsx, 'scripts/coordinator.ts', 'list'], { env });
    expect(listed.stdout).toContain(`${id}\t44\tactive`);
    expect(listed.stdout).not.toContain(token);
    await run(process.execPath, [tsx, 'scripts/coordinator.ts', 'revoke', '--id', id], { env });
    expect((await api(c.base, token).get(`/bookings/${b.ref}`)).status).toBe(401);
    // Without REDIS_URL the command refuses clearly.
    const noRedis = await run(process.execPath, [tsx, 'scripts/coordinator.ts', 'list'], { env: { ...env, REDIS_URL: '' } }).catch((e: { code: number; stderr: string }) => e);
    expect(noRedis).toMatchObject({ code: 2, stderr: expect.stringMatching(/REDIS_URL/) });
  });
});

describe('validation', () => {
  it('answers 400 naming the field', async () => {
    const b = await book(c.app);
    const a = api(c.base, token44);
    const decline = await a.post(`/bookings/${b.ref}/decline`, {});
    expect(decline.status).toBe(400);
    expect(await decline.json()).toMatchObject({ error: { code: 'BadRequest', field: 'reason' } });
    expect(await (await a.post(`/bookings/${b.ref}/decline`, { reason: '   ' })).json()).toMatchObject({ error: { field: 'reason' } });
    expect(await (await a.post(`/bookings/${b.ref}/reschedule`, { slotId: 12 })).json()).toMatchObject({ error: { field: 'slotId' } });
    expect(await (await a.post(`/bookings/${b.ref}/reschedule`, { slotId: 'vol-01@2020-01-01T10:00' })).json()).toMatchObject({ error: { field: 'slotId' } });
    expect(await (await a.get('/bookings?status=maybe')).json()).toMatchObject({ error: { field: 'status' } });
    expect(await (await a.get('/bookings?from=demain')).json()).toMatchObject({ error: { field: 'from' } });
    expect(await (await a.get('/bookings?limit=100000')).json()).toMatchObject({ error: { field: 'limit' } });
    expect((await a.get('/bookings/NOT-AREF')).status).toBe(404);
    expect((await c.app.store.bookings.get(b.ref))!.status).toBe('pending');
  });
});

describe('actions', () => {
  it('confirm → the beneficiary gets one SMS with the right text, however many times it is confirmed', async () => {
    const b = await book(c.app);
    const a = api(c.base, token44);
    const results = await Promise.all([a.post(`/bookings/${b.ref}/confirm`), a.post(`/bookings/${b.ref}/confirm`)]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const bodies = await Promise.all(results.map((r) => r.json() as Promise<{ changed: boolean; booking: { status: string } }>));
    expect(bodies.map((x) => x.changed).sort()).toEqual([false, true]);
    expect((await a.post(`/bookings/${b.ref}/confirm`)).status).toBe(200);
    const sms = await expectMessages(c.twilio, b.beneficiary.phone, 1);
    const site = c.app.catalogue.sites.get(b.siteId)!;
    // The fullest form that fits one segment: the address as far as it fits, then how to cancel and whom to call.
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatch(new RegExp(`^${toGsm7(`Les Connectés : RDV confirmé le ${formatShortFr(b.start)} ${placeAt(site)}`)}(, [^.]+)?\\. Pour annuler, répondez ANNULER\\. Une question : 02 40 00 00 44$`));
    expect(segments(sms[0])).toBe(1);
    const detail = (await (await a.get(`/bookings/${b.ref}`)).json()) as { booking: { status: string }; audit: Array<{ action: string; actor: { name: string }; before: { status: string }; after: { status: string } }> };
    expect(detail.booking.status).toBe('confirmed');
    expect(detail.audit).toEqual([expect.objectContaining({ action: 'confirm', actor: expect.objectContaining({ name: 'Coordination 44' }), before: expect.objectContaining({ status: 'pending' }), after: expect.objectContaining({ status: 'confirmed' }) })]);
    // The audit never holds the phone number.
    expect(JSON.stringify(detail.audit)).not.toContain(b.beneficiary.phone);
  });

  it('decline → SMS with the reason and an offer of another day; then confirm is a 409', async () => {
    const b = await book(c.app);
    const a = api(c.base, token44);
    const r = await a.post(`/bookings/${b.ref}/decline`, { reason: 'unavailable' });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ changed: true, booking: { status: 'declined', declineReason: 'unavailable' } });
    expect((await a.post(`/bookings/${b.ref}/decline`, { reason: 'unavailable' })).status).toBe(200);
    const conflict = await a.post(`/bookings/${b.ref}/confirm`);
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ error: { code: 'Conflict' } });
    const sms = await expectMessages(c.twilio, b.beneficiary.phone, 1);
    expect(sms).toHaveLength(1);
    expect(sms[0]).toContain(formatShortFr(b.start));
    expect(sms[0]).toMatch(/^Les Connectés : .*le volontaire n'est pas disponible\. Pour un autre jour, répondez RDV\. Une question : 0\d( \d\d){4}$/);
    expect(segments(sms[0])).toBe(1);
    // The slot is free again.
    expect(await c.app.store.bookings.takenAmong([{ ...b, id: b.slotId } as never])).toEqual(new Set());
  });

  it('decline with free text sends that text', async () => {
    const b = await book(c.app);
    const r = await api(c.base, token44).post(`/bookings/${b.ref}/decline`, { reason: 'la médiathèque est en travaux' });
    expect(r.status).toBe(200);
    const [sms] = await expectMessages(c.twilio, b.beneficiary.phone, 1);
    expect(sms).toContain(': la médiathèque est en travaux. Pour un autre jour');
  });

  it('home visits: the SMS gives an approximate time and the volunteer\'s first name', async () => {
    const b = await book(c.app, { mode: 'home', commune: { insee: '44162', name: 'Saint-Herblain' } });
    expect((await api(c.base, token44).post(`/bookings/${b.ref}/confirm`)).status).toBe(200);
    const [sms] = await expectMessages(c.twilio, b.beneficiary.phone, 1);
    const first = c.app.catalogue.volunteers.get(b.volunteerId)!.firstName;
    expect(sms).toContain(' vers ');
    expect(sms).toContain(`chez vous, Saint-Herblain, avec ${toGsm7(first)}.`);
  });

  it('no SMS without consent or to an opted-out number', async () => {
    const noConsent = await book(c.app, { smsConsent: false });
    const optedOut = await book(c.app);
    await c.app.store.counters.setOptOut(optedOut.beneficiary.phone, true);
    const a = api(c.base, token44);
    expect((await a.post(`/bookings/${noConsent.ref}/confirm`)).status).toBe(200);
    expect((await a.post(`/bookings/${optedOut.ref}/confirm`)).status).toBe(200);
    await expectMessages(c.twilio, noConsent.beneficiary.phone, 0, 600);
    expect(messagesTo(c.twilio, noConsent.beneficiary.phone)).toEqual([]);
    expect(messagesTo(c.twilio, optedOut.beneficiary.phone)).toEqual([]);
  });

  it('reschedule moves to a free slot of the same site and tells the person; a taken slot is 409', async () => {
    const b = await book(c.app);
    const a = api(c.base, token44);
    const slots = (await (await a.get(`/sites/${b.siteId}/slots`)).json()) as { slots: Array<{ id: string; start: string }> };
    expect(slots.slots.length).toBeGreaterThan(1);
    expect(slots.slots.some((s) => s.id === b.slotId)).toBe(false); // its own slot is taken
    const target = slots.slots[0];
    const r = await a.post(`/bookings/${b.ref}/reschedule`, { slotId: target.id });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ changed: true, booking: { slotId: target.id, start: target.start, status: 'pending' } });
    // The old slot is free again, the new one taken.
    const old = await freeSlot(c.app, { siteId: b.siteId, date: b.start.slice(0, 10) }).catch(() => null);
    expect(old).not.toBeNull();
    const [sms] = await expectMessages(c.twilio, b.beneficiary.phone, 1);
    expect(sms).toMatch(new RegExp(`^${toGsm7(`Les Connectés : RDV déplacé au ${formatShortFr(target.start)} ${placeAt(c.app.catalogue.sites.get(b.siteId)!)}`)}(, [^.]+)?\\. Pour annuler, répondez ANNULER\\. Une question : 02 40 00 00 44$`));
    expect(segments(sms)).toBe(1);
    // Moving again to the same slot: harmless, no second SMS.
    expect(await (await a.post(`/bookings/${b.ref}/reschedule`, { slotId: target.id })).json()).toMatchObject({ changed: false });
    const other = await book(c.app, { siteId: b.siteId });
    const taken = await a.post(`/bookings/${b.ref}/reschedule`, { slotId: other.slotId });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ error: { code: 'SlotTaken' } });
    expect(await expectMessages(c.twilio, b.beneficiary.phone, 1, 300)).toHaveLength(1);
    // A site of another territory is 403.
    const site95 = c.app.catalogue.sitesOfTerritory('95')[0].id;
    expect((await a.get(`/sites/${site95}/slots`)).status).toBe(403);
  });

  it('reschedule racing a new booking for the same slot: exactly one wins', async () => {
    const a = api(c.base, token44);
    for (let round = 0; round < 5; round++) {
      const b = await book(c.app);
      const target = await freeSlot(c.app, { siteId: b.siteId, skip: round });
      const [moved, held] = await Promise.all([
        a.post(`/bookings/${b.ref}/reschedule`, { slotId: target.id }),
        c.app.store.bookings.hold(target, 60_000),
      ]);
      const movedOk = moved.status === 200;
      expect([200, 409]).toContain(moved.status);
      expect(movedOk !== held.ok).toBe(true);
      const now = (await c.app.store.bookings.get(b.ref))!;
      expect(now.slotId).toBe(movedOk ? target.id : b.slotId);
    }
  });

  it('exports counts by topic, site and status without any personal data', async () => {
    const b = await book(c.app, { topic: 'caf', name: 'Zoé Exportable' });
    const res = await api(c.base, token44).get('/export.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const csv = await res.text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('topic,topic_label,site_id,site_name,mode,status,attendance,count');
    expect(lines.some((l) => l.startsWith(`caf,`) && l.includes(`,${b.siteId},`) && /,pending,,\d+$/.test(l))).toBe(true);
    expect(csv).not.toMatch(/\+33\d/);
    expect(csv).not.toContain('Exportable');
    expect(csv).not.toContain(',95');
    expect((await api(c.base, token44).get('/export.csv?from=2020-13-45')).status).toBe(400);
  });
});

describe('rate limit', () => {
  it('answers 429 after too many failed authentications from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 23; i++) statuses.push((await api(c.base, `cxc_guess-${i}`).get('/bookings')).status);
    // Earlier tests of this file already failed twice from this address.
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThanOrEqual(17);
    expect(statuses.slice(0, first429).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(first429).every((s) => s === 429)).toBe(true);
    // A valid token is not locked out by someone else's guesses.
    expect((await api(c.base, token44).get('/bookings')).status).toBe(200);
  });
});
