// Coordinator catalogue API, absences and attendance, end to end over HTTP on a real Redis.
import { generateSlots } from '../../src/booking/slots';
import { addCoordinator, api, book, startCoordApp, type Coord } from './helpers';

jest.setTimeout(60_000);

let c: Coord;
let token44: string;
let token95: string;
// The app's clock can be moved forward (attendance is only taken after the start).
let offsetMs = 0;
beforeAll(async () => {
  c = await startCoordApp({ overrides: { now: () => new Date(Date.now() + offsetMs) } });
  token44 = (await addCoordinator(c.app, '44')).token;
  token95 = (await addCoordinator(c.app, '95')).token;
});
afterAll(async () => { await c.close(); });
afterEach(() => { offsetMs = 0; });

const SITE = {
  name: 'Médiathèque du Port', kind: 'mediatheque',
  address: { line: '2 quai Ernest Renaud', postcode: '44100', commune: 'Nantes', insee: '44109' },
  location: { lat: 47.205, lon: -1.58 }, accessible: true, slotMinutes: 45,
};
const VOLUNTEER = {
  firstName: 'Inès', topics: ['caf', 'smartphone'], homeVisits: false, homeVisitRadiusKm: 0,
  availability: [{ site: 'nantes-port', weekday: 'thursday', from: '09:00', to: '12:00' }],
};

describe('authorisation matrix (401 / 403 / 400) on every catalogue route', () => {
  const routes: Array<{ name: string; call: (t?: string) => Promise<Response>; forbidden?: (t: string) => Promise<Response>; bad?: (t: string) => Promise<Response> }> = [
    { name: 'GET /catalogue', call: (t) => api(c.base, t).get('/catalogue') },
    {
      name: 'PUT /sites/:id', call: (t) => api(c.base, t).put('/sites/nantes-matrix', SITE),
      forbidden: (t) => api(c.base, t).put('/sites/pontoise-ccas', SITE),
      bad: (t) => api(c.base, t).put('/sites/nantes-matrix', { ...SITE, slotMinutes: 5 }),
    },
    {
      name: 'PUT /volunteers/:id', call: (t) => api(c.base, t).put('/volunteers/vol-01', (c.app.catalogue.volunteers.get('vol-01'))),
      forbidden: (t) => api(c.base, t).put('/volunteers/vol-01', { ...VOLUNTEER, availability: [{ site: 'pontoise-ccas', weekday: 'monday', from: '09:00', to: '12:00' }] }),
      bad: (t) => api(c.base, t).put('/volunteers/vol-01', { ...VOLUNTEER, topics: ['cuisine'] }),
    },
    {
      name: 'POST /absences', call: (t) => api(c.base, t).post('/absences', { siteId: 'blain-mairie', from: '2031-01-01', to: '2031-01-02', reason: 'travaux' }),
      forbidden: (t) => api(c.base, t).post('/absences', { siteId: 'pontoise-ccas', from: '2031-01-01', to: '2031-01-02', reason: 'travaux' }),
      bad: (t) => api(c.base, t).post('/absences', { siteId: 'blain-mairie', from: '2031-01-05', to: '2031-01-02', reason: 'travaux' }),
    },
    { name: 'DELETE /absences/:id', call: (t) => api(c.base, t).del('/absences/ab-000000000000') },
    {
      name: 'POST /bookings/:id/attendance', call: (t) => api(c.base, t).post('/bookings/ZZZ-ZZZ/attendance', { status: 'seen' }),
      bad: (t) => api(c.base, t).post('/bookings/ZZZ-ZZZ/attendance', { status: 'late' }),
    },
    { name: 'GET /stats', call: (t) => api(c.base, t).get('/stats?from=2026-01-01&to=2026-12-31'), bad: (t) => api(c.base, t).get('/stats?from=2026-13-01') },
  ];

  it.each(routes.map((r) => [r.name, r]))('%s', async (_n, r) => {
    const none = await r.call();
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect((await r.call('cxc_forged-token')).status).toBe(401);
    const ok = await r.call(token44);
    expect([200, 201, 404]).toContain(ok.status);
    if (r.forbidden) {
      const f = await r.forbidden(token44);
      expect(f.status).toBe(403);
      expect(await f.json()).toMatchObject({ error: { code: 'Forbidden' } });
    }
    if (r.bad) {
      const b = await r.bad(token44);
      expect(b.status).toBe(400);
      expect(await b.json()).toMatchObject({ error: { code: 'BadRequest', field: expect.any(String) } });
    }
  });
});

describe('catalogue', () => {
  it('GET shows only the own territory', async () => {
    const r = await (await api(c.base, token95).get('/catalogue')).json() as { territory: { id: string }; sites: Array<{ territory: string }>; volunteers: Array<{ availability: Array<{ site: string }> }> };
    expect(r.territory.id).toBe('95');
    expect(r.sites.length).toBeGreaterThan(0);
    expect(r.sites.every((s) => s.territory === '95')).toBe(true);
    const sites95 = new Set(r.sites.map((s) => (s as unknown as { id: string }).id));
    expect(r.volunteers.every((v) => v.availability.some((a) => sites95.has(a.site)))).toBe(true);
  });

  it('a new site and a new volunteer are bookable at once; bad fields are named; nothing half-written', async () => {
    const v0 = c.app.catalogue.version;
    const put = await api(c.base, token44).put('/sites/nantes-port', SITE);
    expect(put.status).toBe(201);
    expect(await put.json()).toMatchObject({ site: { id: 'nantes-port', territory: '44', slotMinutes: 45 }, created: true });
    expect((await api(c.base, token44).put('/sites/nantes-port', SITE)).status).toBe(200);
    // Overlapping hours: refused with the field, catalogue unchanged.
    const overlap = await api(c.base, token44).put('/volunteers/vol-ines', { ...VOLUNTEER, availability: [...VOLUNTEER.availability, { site: 'nantes-port', weekday: 'thursday', from: '11:00', to: '12:00' }] });
    expect(overlap.status).toBe(400);
    expect(await overlap.json()).toMatchObject({ error: { field: 'availability.1' } });
    const short = await api(c.base, token44).put('/volunteers/vol-ines', { ...VOLUNTEER, availability: [{ site: 'nantes-port', weekday: 'thursday', from: '09:00', to: '09:30' }] });
    expect(await short.json()).toMatchObject({ error: { field: 'availability.0.to' } });
    expect(c.app.catalogue.volunteers.has('vol-ines')).toBe(false);
    const unknownSite = await api(c.base, token44).put('/volunteers/vol-ines', { ...VOLUNTEER, availability: [{ site: 'nowhere', weekday: 'thursday', from: '09:00', to: '12:00' }] });
    expect(await unknownSite.json()).toMatchObject({ error: { field: 'availability.0.site' } });
    const vol = await api(c.base, token44).put('/volunteers/vol-ines', VOLUNTEER);
    expect(vol.status).toBe(201);
    expect(c.app.catalogue.version).toBe(v0 + 3); // one version per accepted write
    const slots = generateSlots(c.app.catalogue, { now: new Date(), volunteerIds: ['vol-ines'] });
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.siteId === 'nantes-port' && s.start.endsWith('T09:00') || s.start.endsWith('T09:45') || s.start.endsWith('T10:30') || s.start.endsWith('T11:15'))).toBe(true);
    const free = await (await api(c.base, token44).get('/sites/nantes-port/slots')).json() as { slots: unknown[] };
    expect(free.slots.length).toBe(slots.length);
    // Another territory may not take over a site or a volunteer.
    expect((await api(c.base, token95).put('/sites/nantes-port', { ...SITE })).status).toBe(403);
    expect((await api(c.base, token95).put('/volunteers/vol-ines', { ...VOLUNTEER, availability: [] })).status).toBe(403);
    expect((await api(c.base, token44).put('/sites/nantes-port', { ...SITE, territory: '95' })).status).toBe(403);
  });
});

describe('absences', () => {
  it("a volunteer's leave hides their slots and lists the bookings inside it; deleting it brings them back", async () => {
    const b = await book(c.app, { siteId: 'nantes-mediatheque-centre-ville' });
    const vol = b.volunteerId;
    const day = b.start.slice(0, 10);
    const before = generateSlots(c.app.catalogue, { now: new Date(), volunteerIds: [vol] }).filter((s) => s.start.startsWith(day));
    expect(before.length).toBeGreaterThan(0);
    const r = await api(c.base, token44).post('/absences', { volunteerId: vol, from: day, to: day, reason: 'malade' });
    expect(r.status).toBe(201);
    const body = await r.json() as { absence: { id: string; from: string; to: string }; bookings: Array<{ ref: string; siteName: string }> };
    expect(body.absence).toMatchObject({ from: `${day}T00:00`, volunteerId: vol, territory: '44' });
    expect(body.bookings.map((x) => x.ref)).toContain(b.ref);
    expect(generateSlots(c.app.catalogue, { now: new Date(), volunteerIds: [vol] }).filter((s) => s.start.startsWith(day))).toEqual([]);
    // Listed in the catalogue; another territory can neither see nor delete it.
    const cat = await (await api(c.base, token44).get('/catalogue')).json() as { absences: Array<{ id: string }> };
    expect(cat.absences.map((a) => a.id)).toContain(body.absence.id);
    expect((await api(c.base, token95).del(`/absences/${body.absence.id}`)).status).toBe(403);
    expect((await api(c.base, token44).del(`/absences/${body.absence.id}`)).status).toBe(200);
    expect((await api(c.base, token44).del(`/absences/${body.absence.id}`)).status).toBe(404);
    expect(generateSlots(c.app.catalogue, { now: new Date(), volunteerIds: [vol] }).filter((s) => s.start.startsWith(day)).length).toBe(before.length);
  });

  it("a site's closure hides every slot there for those days, and only there", async () => {
    const siteId = 'saint-nazaire-mediatheque';
    const all = generateSlots(c.app.catalogue, { now: new Date(), siteIds: [siteId] });
    const day = all[0].start.slice(0, 10);
    const r = await api(c.base, token44).post('/absences', { siteId, from: `${day}T00:00`, to: `${day}T23:59`, reason: 'fermeture' });
    expect(r.status).toBe(201);
    const after = generateSlots(c.app.catalogue, { now: new Date(), siteIds: [siteId] });
    expect(after.some((s) => s.start.startsWith(day))).toBe(false);
    expect(after.length).toBe(all.filter((s) => !s.start.startsWith(day)).length);
    const { absence } = await r.json() as { absence: { id: string } };
    await api(c.base, token44).del(`/absences/${absence.id}`);
  });
});

describe('attendance', () => {
  it('409 before the start; seen / noshow / excused after; no-shows counted per person', async () => {
    const phone = '+33612345098';
    const b = await book(c.app, { phone });
    const early = await api(c.base, token44).post(`/bookings/${b.ref}/attendance`, { status: 'seen' });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: { code: 'NotStarted' } });
    expect((await api(c.base, token95).post(`/bookings/${b.ref}/attendance`, { status: 'seen' })).status).toBe(403);
    offsetMs = b.startsAt - Date.now() + 5 * 60_000;
    const r = await api(c.base, token44).post(`/bookings/${b.ref}/attendance`, { status: 'noshow' });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ booking: { ref: b.ref, attendance: 'noshow' }, changed: true });
    expect(await (await api(c.base, token44).post(`/bookings/${b.ref}/attendance`, { status: 'noshow' })).json()).toMatchObject({ changed: false });
    const detail = await (await api(c.base, token44).get(`/bookings/${b.ref}`)).json();
    expect(detail).toMatchObject({ noShows: 1, booking: { attendance: 'noshow' } });
    await api(c.base, token44).post(`/bookings/${b.ref}/attendance`, { status: 'excused' });
    expect(await (await api(c.base, token44).get(`/bookings/${b.ref}`)).json()).toMatchObject({ noShows: 0 });
  });

  it('a cancelled booking has no attendance (409)', async () => {
    const b = await book(c.app);
    await c.app.store.bookings.transition(b.ref, ['pending'], 'cancelled');
    offsetMs = b.startsAt - Date.now() + 60_000;
    const r = await api(c.base, token44).post(`/bookings/${b.ref}/attendance`, { status: 'seen' });
    expect(r.status).toBe(409);
  });
});

describe('statistics', () => {
  it('counts the territory’s bookings by status, attendance, topic, site, channel, requester, month; distinct people', async () => {
    const phone = '+33698001122';
    const a = await book(c.app, { territory: '95', phone, topic: 'caf', channel: 'sms', requestedBy: 'self' });
    const b = await book(c.app, { territory: '95', phone, topic: 'caf', channel: 'webchat', requestedBy: 'relative' });
    const x = await book(c.app, { territory: '95', topic: 'impots', channel: 'sms' });
    await c.app.store.bookings.transition(x.ref, ['pending'], 'cancelled');
    await c.app.store.bookings.setAttendance(a.ref, 'seen');
    const days = [a, b, x].map((k) => k.start.slice(0, 10)).sort();
    const r = await api(c.base, token95).get(`/stats?from=${days[0]}&to=${days[2]}`);
    expect(r.status).toBe(200);
    const body = await r.json();
    const sites: Record<string, number> = {};
    for (const k of [a, b, x]) sites[k.siteId] = (sites[k.siteId] ?? 0) + 1;
    const month: Record<string, number> = {};
    for (const k of [a, b, x]) month[k.start.slice(0, 7)] = (month[k.start.slice(0, 7)] ?? 0) + 1;
    expect(body).toEqual({
      territory: '95', from: days[0], to: days[2],
      bookings: {
        total: 3,
        byStatus: { pending: 2, confirmed: 0, declined: 0, cancelled: 1 },
        byAttendance: { seen: 1, noshow: 0, excused: 0, unrecorded: 2 },
        byTopic: { caf: 2, impots: 1 },
        bySite: sites,
        byChannel: { sms: 2, webchat: 1 },
        byRequester: { self: 2, relative: 1 },
        byMonth: month,
        byKind: { appointment: 3, workshop: 0 },
      },
      people: 2,
      workshops: { total: 0, cancelled: 0, seatsOffered: 0, seatsTaken: 0, attended: 0, noshow: 0 },
      // No SMS or call in these tests: what the channels cost is all zeros.
      usage: {
        sms: { twilio: { messagesIn: 0, messagesOut: 0, segmentsIn: 0, segmentsOut: 0 }, smsfactor: { messagesIn: 0, messagesOut: 0, segmentsIn: 0, segmentsOut: 0 } },
        voice: { calls: 0, minutes: 0 },
      },
    });
    // (Bookings of territory 44 made by the other tests on the same days are not counted: the totals above are exact.)
    expect((await api(c.base, token95).get(`/stats?from=${days[2]}&to=${days[0]}`)).status).toBe(days[0] === days[2] ? 200 : 400);
    expect((await api(c.base, token95).get('/stats?from=2026-02-30')).status).toBe(400);
  });

  it('the CSV export has the attendance column', async () => {
    const csv = await (await api(c.base, token95).get('/export.csv')).text();
    expect(csv.split('\r\n')[0]).toBe('topic,topic_label,site_id,site_name,mode,status,attendance,count');
    expect(csv).toMatch(/,pending,seen,1\r\n/);
  });
});
