// Coordinator JSON API of workshops end to end: real HTTP, real Redis, SMS to the Twilio stand-in.
import { DateTime } from 'luxon';
import { toGsm7 } from '../../src/sms-text/gsm7';
import { api, expectMessages, withCoordinators, uniquePhone, type Coord } from '../coordinator/helpers';


let c: Coord;
let token44: string;
let token95: string;
withCoordinators((x) => ({ c, token44, token95 } = x));

/** A Paris wall-clock time `days` from now at `hour`. */
const inDays = (days: number, hour = 14) => DateTime.now().setZone('Europe/Paris').plus({ days }).set({ hour, minute: 0 }).toFormat("yyyy-MM-dd'T'HH:mm");

const body = (over: Record<string, unknown> = {}) => ({
  siteId: 'nantes-mediatheque-centre-ville', topic: 'smartphone', title: 'Bien utiliser son smartphone',
  start: inDays(5), durationMinutes: 90, seats: 3, ...over,
});

async function create(over: Record<string, unknown> = {}) {
  const r = await api(c.base, token44).post('/workshops', body(over));
  expect(r.status).toBe(201);
  return ((await r.json()) as { workshop: { id: string; seats: number } }).workshop;
}

describe('workshops API', () => {
  it('401 without a token, 403 outside the territory, 400 naming the bad field', async () => {
    expect((await api(c.base).post('/workshops', body())).status).toBe(401);
    expect((await api(c.base).get('/workshops')).status).toBe(401);
    expect((await api(c.base, 'cxc_nope').get('/workshops')).status).toBe(401);
    // A site of another territory.
    expect((await api(c.base, token95).post('/workshops', body())).status).toBe(403);
    const w = await create();
    expect((await api(c.base, token95).get(`/workshops/${w.id}`)).status).toBe(403);
    expect((await api(c.base, token95).post(`/workshops/${w.id}/cancel`, { reason: 'x' })).status).toBe(403);
    for (const [over, field] of [
      [{ seats: 0 }, 'seats'], [{ seats: 'douze' }, 'seats'], [{ topic: 'cuisine' }, 'topic'], [{ start: '2026-12-01 14:00' }, 'start'],
      [{ start: inDays(-1) }, 'start'], [{ siteId: 'nowhere' }, 'siteId'], [{ title: '' }, 'title'], [{ durationMinutes: 5 }, 'durationMinutes'],
    ] as const) {
      const r = await api(c.base, token44).post('/workshops', body(over));
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ error: { code: 'BadRequest', field } });
    }
    expect((await api(c.base, token44).post(`/workshops/${w.id}/cancel`, {})).status).toBe(400);
    expect((await api(c.base, token44).get('/workshops/44-zzzzzzzz')).status).toBe(404);
    expect((await api(c.base, token44).get('/workshops/whatever')).status).toBe(404);
  });

  it('creates, lists by dates and shows a workshop with its participants and waiting list', async () => {
    const w = await create({ start: inDays(9, 10), seats: 2 });
    expect(w).toMatchObject({ territory: '44', seats: 2, seatsTaken: 0, seatsLeft: 2, status: 'scheduled', siteName: 'Médiathèque centre-ville, Nantes' });
    const day = inDays(9).slice(0, 10);
    const listed = (await (await api(c.base, token44).get(`/workshops?from=${day}&to=${inDays(10).slice(0, 10)}`)).json()) as { items: Array<{ id: string }> };
    expect(listed.items.map((i) => i.id)).toContain(w.id);
    const other = (await (await api(c.base, token95).get('/workshops')).json()) as { items: unknown[] };
    expect(other.items).toEqual([]);

    const people = [uniquePhone(), uniquePhone(), uniquePhone()];
    const a = await c.app.workshops.takeSeat(w.id, { name: 'Paulette Durand', phone: people[0], requestedBy: 'self', channel: 'sms' });
    const b = await c.app.workshops.takeSeat(w.id, { name: 'Jean Morel', phone: people[1], requestedBy: 'relative', channel: 'webchat' });
    expect(a.ok && b.ok).toBe(true);
    const full = await c.app.workshops.takeSeat(w.id, { name: 'Yves Le Goff', phone: people[2], requestedBy: 'self', channel: 'sms' });
    expect(full).toEqual({ ok: false, reason: 'full' });
    expect(await c.app.workshops.joinWaitlist(w.id, { name: 'Yves Le Goff', phone: people[2], requestedBy: 'self', channel: 'sms' })).toEqual({ ok: true, position: 1 });

    const detail = (await (await api(c.base, token44).get(`/workshops/${w.id}`)).json()) as {
      workshop: { seatsTaken: number; seatsLeft: number; waiting: number };
      participants: Array<{ ref: string; name: string; phone: string; status: string }>;
      waitingList: Array<{ name: string; phone: string; since: string }>;
    };
    expect(detail.workshop).toMatchObject({ seatsTaken: 2, seatsLeft: 0, waiting: 1 });
    expect(detail.participants.map((p) => [p.name, p.phone, p.status])).toEqual([
      ['Paulette Durand', people[0], 'confirmed'], ['Jean Morel', people[1], 'confirmed'],
    ]);
    expect(detail.waitingList).toEqual([{ name: 'Yves Le Goff', phone: people[2], since: expect.any(String) }]);
    // A seat is a booking with a reference code, listed with the others.
    const seats = (await (await api(c.base, token44).get('/bookings?status=confirmed&limit=200')).json()) as { items: Array<{ ref: string; kind?: string; workshopId?: string }> };
    const mine = seats.items.filter((i) => i.workshopId === w.id);
    expect(mine.map((i) => i.ref).sort()).toEqual(detail.participants.map((p) => p.ref).sort());
    expect(mine.every((i) => i.kind === 'workshop')).toBe(true);
    // The relative who booked from the widget: the participant gets the SMS with the code.
    const sms = await expectMessages(c.twilio, people[1], 1);
    expect(sms[0]).toContain(b.ok ? b.booking.ref : 'x');
  });

  it('cancel with a reason tells every participant and the waiting list by SMS; twice is a no-op', async () => {
    const w = await create({ start: inDays(6, 15), seats: 2 });
    const phones = [uniquePhone(), uniquePhone()];
    for (const [i, phone] of phones.entries()) {
      const r = await c.app.workshops.takeSeat(w.id, { name: `Personne ${i}`, phone, requestedBy: 'self', channel: 'sms' });
      expect(r.ok).toBe(true);
    }
    const waiting = uniquePhone();
    await c.app.workshops.joinWaitlist(w.id, { name: 'En Attente', phone: waiting, requestedBy: 'self', channel: 'sms' });
    const r = await api(c.base, token44).post(`/workshops/${w.id}/cancel`, { reason: 'la salle est fermée pour travaux' });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ changed: true, told: 2, workshop: { status: 'cancelled', cancelReason: 'la salle est fermée pour travaux', seatsTaken: 0 } });
    for (const phone of [...phones, waiting]) {
      const [msg] = await expectMessages(c.twilio, phone, 1, 50);
      expect(msg).toContain(toGsm7('la salle est fermée pour travaux'));
      expect(msg).toContain('annul');
    }
    for (const phone of phones) {
      const [b] = await c.app.store.bookings.byPhone(phone);
      expect(b.status).toBe('cancelled');
    }
    const again = await api(c.base, token44).post(`/workshops/${w.id}/cancel`, { reason: 'encore' });
    expect(await again.json()).toMatchObject({ changed: false, told: 0 });
    await expectMessages(c.twilio, phones[0], 1, 200);
    expect(c.twilio.messages.filter((m) => m.to === phones[0])).toHaveLength(1);
    // No seat once cancelled.
    expect(await c.app.workshops.takeSeat(w.id, { name: 'Tard', phone: uniquePhone(), requestedBy: 'self', channel: 'sms' })).toEqual({ ok: false, reason: 'closed' });
  });

  it('statistics count workshops: seats offered, taken, attended', async () => {
    // Territory 95 only has the workshops of this test.
    const t95 = api(c.base, token95);
    const mk = async (over: Record<string, unknown>) => {
      const r = await t95.post('/workshops', body({ siteId: 'cergy-maison-de-quartier-axe-majeur', ...over }));
      expect(r.status).toBe(201);
      return ((await r.json()) as { workshop: { id: string; start: string } }).workshop;
    };
    const a = await mk({ seats: 4, start: inDays(3, 10) });
    const b = await mk({ seats: 6, start: inDays(4, 10) });
    await mk({ seats: 5, start: inDays(5, 10) });
    const seats = [];
    for (let i = 0; i < 3; i++) seats.push(await c.app.workshops.takeSeat(a.id, { name: `P ${i}`, phone: uniquePhone(), requestedBy: 'self', channel: 'sms' }));
    await c.app.workshops.takeSeat(b.id, { name: 'Q', phone: uniquePhone(), requestedBy: 'self', channel: 'sms' });
    // Attendance as recorded after the workshop (the store step; the API refuses it before the start).
    const first = seats[0];
    if (!first.ok) throw new Error('seat');
    await c.app.store.bookings.setAttendance(first.booking.ref, 'seen');
    const cancelled = await t95.post(`/workshops/${b.id}/cancel`, { reason: 'salle fermée' });
    expect(cancelled.status).toBe(200);
    const from = inDays(0).slice(0, 10);
    const to = inDays(6).slice(0, 10);
    const stats = (await (await t95.get(`/stats?from=${from}&to=${to}`)).json()) as { workshops: unknown; bookings: { byKind: Record<string, number> } };
    expect(stats.workshops).toEqual({ total: 3, cancelled: 1, seatsOffered: 9, seatsTaken: 3, attended: 1, noshow: 0 });
    expect(stats.bookings.byKind.workshop).toBe(4);
  });

  it('a seat gets its reminder the day before, in workshop words', async () => {
    const w = await create({ start: inDays(2, 11), seats: 5 });
    const phone = uniquePhone();
    const seat = await c.app.workshops.takeSeat(w.id, { name: 'Paulette Durand', phone, requestedBy: 'self', channel: 'sms' });
    if (!seat.ok) throw new Error(seat.reason);
    expect(await c.app.jobs.runReminder({ ref: seat.booking.ref, slotId: seat.booking.slotId })).toBe('sent');
    const [sms] = await expectMessages(c.twilio, phone, 1);
    expect(sms).toMatch(/^Rappel : atelier Bien utiliser son smartphone demain, /);
    // Once cancelled, no reminder.
    await c.app.store.bookings.transition(seat.booking.ref, ['confirmed'], 'cancelled');
    expect(await c.app.jobs.runReminder({ ref: seat.booking.ref, slotId: seat.booking.slotId })).toBe('not-confirmed');
  });
});
