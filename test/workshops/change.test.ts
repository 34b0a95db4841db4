// PATCH /api/coordinator/workshops/:id end to end: real HTTP, real Redis, SMS to the Twilio
// stand-in, the app's clock moved by the test (offers go out 9:00-19:00 Paris only).
import { DateTime } from 'luxon';
import { localToEpoch, ZONE } from '../../src/booking/slots';
import { api, expectMessages, messagesTo, withCoordinators, uniquePhone, type Coord } from '../coordinator/helpers';


// Tomorrow 10:00 Paris: inside the window where offers are sent.
const T0 = DateTime.now().setZone(ZONE).plus({ days: 1 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
const clock = { now: T0.toJSDate() };
let c: Coord;
let token44: string;
let token95: string;
withCoordinators((x) => ({ c, token44, token95 } = x), { overrides: { now: () => clock.now } });
beforeEach(() => { clock.now = T0.toJSDate(); });

const inDays = (days: number, hour = 14) => T0.plus({ days }).set({ hour, minute: 0 }).toFormat("yyyy-MM-dd'T'HH:mm");
const patch = (id: string, body: unknown, token = token44) => fetch(`${c.base}/api/coordinator/workshops/${id}`, {
  method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
});

interface WorkshopJson { id: string; seats: number; seatsTaken: number; seatsOffered: number; seatsLeft: number; start: string; siteId: string; title: string; waiting: number }

async function create(over: Record<string, unknown> = {}): Promise<WorkshopJson> {
  const r = await api(c.base, token44).post('/workshops', {
    siteId: 'nantes-mediatheque-centre-ville', topic: 'smartphone', title: 'Bien utiliser son smartphone',
    start: inDays(5), durationMinutes: 90, seats: 3, ...over,
  });
  expect(r.status).toBe(201);
  return ((await r.json()) as { workshop: WorkshopJson }).workshop;
}

const seat = async (id: string, phone = uniquePhone(), name = 'Paulette Durand') => {
  const r = await c.app.workshops.takeSeat(id, { name, phone, requestedBy: 'self', channel: 'sms' });
  if (!r.ok) throw new Error(r.reason);
  return r.booking;
};

describe('PATCH /api/coordinator/workshops/:id', () => {
  it('changes title and seats (200), refuses bad bodies (400), other territories (403), unknown ids (404)', async () => {
    const w = await create();
    const r = await patch(w.id, { title: 'Smartphone, les bases', seats: 5 });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ changed: true, told: 0, workshop: { id: w.id, title: 'Smartphone, les bases', seats: 5, seatsLeft: 5, start: w.start } });
    expect((await (await api(c.base, token44).get(`/workshops/${w.id}`)).json())).toMatchObject({ workshop: { title: 'Smartphone, les bases', seats: 5 } });
    // The same again: nothing to do.
    expect(await (await patch(w.id, { seats: 5 })).json()).toMatchObject({ changed: false, told: 0 });

    for (const [body, field] of [
      [{ seats: 0 }, 'seats'], [{ seats: 'cinq' }, 'seats'], [{ start: '2026-12-01 14:00' }, 'start'], [{ start: inDays(-2) }, 'start'],
      [{ topic: 'cuisine' }, 'topic'], [{ title: ' ' }, 'title'], [{ durationMinutes: 5 }, 'durationMinutes'], [{ siteId: 'nowhere' }, 'siteId'],
      [{ volunteerIds: ['personne'] }, 'volunteerIds'], [{ status: 'cancelled' }, 'body'],
    ] as const) {
      const bad = await patch(w.id, body);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: 'BadRequest', field } });
    }
    expect((await fetch(`${c.base}/api/coordinator/workshops/${w.id}`, { method: 'PATCH', headers: { authorization: `Bearer ${token44}`, 'content-type': 'application/json' }, body: '{not json' })).status).toBe(400);
    expect((await fetch(`${c.base}/api/coordinator/workshops/${w.id}`, { method: 'PATCH', body: '{}' })).status).toBe(401);
    // Another territory's coordinator, and a site of another territory.
    const other = await patch(w.id, { seats: 9 }, token95);
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ error: { code: 'Forbidden' } });
    expect((await patch(w.id, { siteId: 'cergy-maison-de-quartier-axe-majeur' })).status).toBe(403);
    expect((await patch('44-zzzzzzzz', { seats: 9 })).status).toBe(404);
    expect((await patch('whatever', { seats: 9 })).status).toBe(404);
    expect((await c.app.workshops.get(w.id))?.seats).toBe(5);
  });

  it('409: fewer seats than taken, a cancelled workshop, a started one', async () => {
    const w = await create({ seats: 3 });
    await seat(w.id);
    await seat(w.id);
    const below = await patch(w.id, { seats: 1 });
    expect(below.status).toBe(409);
    expect(await below.json()).toEqual({ error: { code: 'SeatsTaken', field: 'seats', message: expect.stringMatching(/^seats: 2 seats are taken/) } });
    expect((await c.app.workshops.get(w.id))?.seats).toBe(3);
    // Exactly the seats taken is fine: the workshop is then full.
    expect(await (await patch(w.id, { seats: 2 })).json()).toMatchObject({ workshop: { seats: 2, seatsLeft: 0 } });

    const cancelled = await create();
    await api(c.base, token44).post(`/workshops/${cancelled.id}/cancel`, { reason: 'salle fermée' });
    const r = await patch(cancelled.id, { seats: 9 });
    expect(r.status).toBe(409);
    expect(await r.json()).toMatchObject({ error: { code: 'Conflict' } });

    const soon = await create({ start: inDays(0, 15) });
    clock.now = new Date(localToEpoch(soon.start)! + 60_000);
    const past = await patch(soon.id, { title: 'Trop tard' });
    expect(past.status).toBe(409);
    expect(await past.json()).toMatchObject({ error: { code: 'Past' } });
  });

  it('a new start or place tells every participant once, by SMS, and moves their seats and reminders', async () => {
    const w = await create({ start: inDays(4, 14), seats: 4 });
    const phones = [uniquePhone(), uniquePhone()];
    const refs = [(await seat(w.id, phones[0])).ref, (await seat(w.id, phones[1], 'Jean Morel')).ref];
    const start = inDays(6, 10);
    const r = await patch(w.id, { start, siteId: 'nantes-maison-de-quartier-bellevue' });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ changed: true, told: 2, workshop: { start, siteId: 'nantes-maison-de-quartier-bellevue' } });
    for (const [i, phone] of phones.entries()) {
      const [sms] = await expectMessages(c.twilio, phone, 1, 50);
      expect(sms).toMatch(/^Changement : votre atelier Bien utiliser son smartphone aura lieu le /);
      expect(sms).toContain(refs[i]);
      expect(sms).toContain('ANNULER');
      const b = await c.app.store.bookings.get(refs[i]);
      expect(b).toMatchObject({ start, startsAt: localToEpoch(start), siteId: 'nantes-maison-de-quartier-bellevue', status: 'confirmed' });
      // Audited like the coordinators' other actions.
      expect(await c.app.coordinator.history(refs[i])).toEqual([expect.objectContaining({ action: 'reschedule', actor: expect.objectContaining({ kind: 'coordinator' }) })]);
      // The reminder follows the new date (the old one finds the seat moved).
      expect(await c.app.jobs.runReminder({ ref: refs[i], slotId: `workshop:${w.id}@${w.start}` })).toBe('moved');
    }
    // A title change alone tells nobody; the same start again neither.
    await patch(w.id, { title: 'Smartphone : les bases', start });
    await new Promise((res) => setTimeout(res, 300));
    for (const phone of phones) expect(messagesTo(c.twilio, phone)).toHaveLength(1);
    // A seat taken now is for the new date and place.
    const late = await seat(w.id);
    expect(late).toMatchObject({ start, siteId: 'nantes-maison-de-quartier-bellevue' });
  });

  it('more seats go to the waiting list at once: the first person waiting gets the offer', async () => {
    const w = await create({ seats: 1 });
    await seat(w.id);
    const first = uniquePhone();
    const second = uniquePhone();
    expect(await c.app.workshops.joinWaitlist(w.id, { name: 'Yves Le Goff', phone: first, requestedBy: 'self', channel: 'sms' })).toEqual({ ok: true, position: 1 });
    expect(await c.app.workshops.joinWaitlist(w.id, { name: 'Anne Riou', phone: second, requestedBy: 'self', channel: 'sms' })).toEqual({ ok: true, position: 2 });
    const r = await patch(w.id, { seats: 2 });
    expect(await r.json()).toMatchObject({ workshop: { seats: 2, seatsTaken: 1, seatsOffered: 1, waiting: 1 } });
    const [offer] = await expectMessages(c.twilio, first, 1, 50);
    expect(offer).toMatch(/^Une place s'est libérée/);
    expect(messagesTo(c.twilio, second)).toHaveLength(0);
    // The held seat counts: back to 1 seat is refused.
    expect((await patch(w.id, { seats: 1 })).status).toBe(409);
    // A new start: the person holding the offer hears it again with the new date.
    const start = inDays(8, 10);
    expect(await (await patch(w.id, { start })).json()).toMatchObject({ changed: true, told: 1 });
    const [, again] = await expectMessages(c.twilio, first, 2, 50);
    expect(again).toMatch(/^Une place s'est libérée : atelier Bien utiliser son smartphone, /);
    expect(again).not.toBe(offer);
    expect(messagesTo(c.twilio, second)).toHaveLength(0);
  });
});
