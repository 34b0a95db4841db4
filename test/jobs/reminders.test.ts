// Reminders: when they are due, whether they still go out, and — with two app processes on
// one Redis — that each confirmed booking gets exactly one, and nobody else any.
import { createApp } from '../../src/app';
import { loadCatalogue } from '../../src/booking/catalogue';
import type { Booking } from '../../src/booking/model';
import { generateSlots, localToEpoch } from '../../src/booking/slots';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { reminderTime, reminderVerdict, shouldSchedule, shouldScheduleEarly } from '../../src/jobs/reminders';
import { ERASED_NAME, ERASED_PHONE } from '../../src/booking/erasure';
import { startTwilioStandin, type TwilioStandin } from '../support/twilio-standin';
import { testPrefix } from '../support/redis';
import { addCoordinator, api, book, messagesTo, sleep, startCoordApp, type Coord } from '../coordinator/helpers';

jest.setTimeout(60_000);
const AT = { hour: 10, minute: 0 };

function booking(over: Partial<Booking> = {}): Booking {
  return {
    ref: 'K7P-42Q', status: 'confirmed', territory: '44', topic: 'caf', slotId: 'vol-01@2026-12-01T14:30', siteId: 's', volunteerId: 'vol-01',
    start: '2026-12-01T14:30', end: '2026-12-01T15:15', startsAt: localToEpoch('2026-12-01T14:30')!, mode: 'site',
    beneficiary: { name: 'A B', phone: '+33612345678' }, requestedBy: 'self', channel: 'sms', smsConsent: true,
    createdAt: 0, updatedAt: 0, ...over,
  };
}

describe('reminder rules', () => {
  it('is due the day before at the configured Paris time, across daylight-saving changes', () => {
    expect(new Date(reminderTime('2026-12-01T14:30', AT)).toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(new Date(reminderTime('2026-07-01T09:00', { hour: 18, minute: 30 })).toISOString()).toBe('2026-06-30T16:30:00.000Z');
    // Spring forward in the night of 28 → 29 March 2026: the reminder is still 10:00 Paris.
    expect(new Date(reminderTime('2026-03-30T10:00', AT)).toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(new Date(reminderTime('2026-03-29T10:00', AT)).toISOString()).toBe('2026-03-28T09:00:00.000Z');
  });

  it('schedules only confirmed upcoming bookings; late only if confirmed before the reminder time', () => {
    const due = reminderTime('2026-12-01T14:30', AT);
    expect(shouldSchedule(booking(), due - 1000, AT)).toEqual({ due });
    expect(shouldSchedule(booking({ status: 'pending' }), due - 1000, AT)).toBeNull();
    expect(shouldSchedule(booking({ updatedAt: due - 5000 }), due + 3600_000, AT)).toEqual({ due });
    expect(shouldSchedule(booking({ updatedAt: due + 1000 }), due + 3600_000, AT)).toBeNull();
    expect(shouldSchedule(booking(), booking().startsAt + 1, AT)).toBeNull();
  });

  it('at its time, goes out only for the same confirmed, upcoming appointment with a number', () => {
    const b = booking();
    const before = b.startsAt - 3600_000;
    expect(reminderVerdict(b, b.slotId, before)).toBe('send');
    expect(reminderVerdict(null, b.slotId, before)).toBe('gone');
    expect(reminderVerdict({ ...b, status: 'cancelled' }, b.slotId, before)).toBe('not-confirmed');
    expect(reminderVerdict(b, 'vol-01@2026-12-02T10:00', before)).toBe('moved');
    expect(reminderVerdict(b, b.slotId, b.startsAt)).toBe('past');
    expect(reminderVerdict({ ...b, beneficiary: { name: ERASED_NAME, phone: ERASED_PHONE } }, b.slotId, before)).toBe('erased');
  });
});

describe('second reminder (REMINDER_HOURS_BEFORE)', () => {
  it('is off unless configured; then due so many hours before, never sent late', () => {
    const b = booking();
    expect(shouldScheduleEarly(b, b.startsAt - 72 * 3600_000, undefined)).toBeNull();
    expect(shouldScheduleEarly(b, b.startsAt - 72 * 3600_000, 0)).toBeNull();
    expect(shouldScheduleEarly(b, b.startsAt - 72 * 3600_000, 48)).toEqual({ due: b.startsAt - 48 * 3600_000 });
    expect(shouldScheduleEarly(b, b.startsAt - 47 * 3600_000, 48)).toBeNull();
    expect(shouldScheduleEarly(booking({ status: 'pending' }), b.startsAt - 72 * 3600_000, 48)).toBeNull();
  });

  it('goes out once with the day, the place and how to cancel, besides the day-before one', async () => {
    const twilio = await startTwilioStandin();
    const config = loadConfig({
      NODE_ENV: 'test', LOG_LEVEL: 'silent', TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+33939000000', TWILIO_API_URL: twilio.url, REMINDER_HOURS_BEFORE: '48',
    });
    expect(config.reminderHoursBefore).toBe(48);
    const catalogue = loadCatalogue();
    const slot = generateSlots(catalogue, { now: new Date(Date.now() + 4 * 24 * 3600_000) }).find((s) => s.territory === '44')!;
    const early = slot.startsAt - 48 * 3600_000;
    const t0 = Date.now();
    const app = await createApp(config, { logger: silentLogger, now: () => new Date(early - 1500 + (Date.now() - t0)), outbound: { backoffMs: 20 } });
    try {
      const b = await book(app, { slot });
      const r = await app.store.bookings.transition(b.ref, ['pending'], 'confirmed');
      if (!r.ok) throw new Error('confirm');
      await app.jobs.schedule(r.booking);
      await app.jobs.schedule(r.booking);
      const end = Date.now() + 8000;
      while (messagesTo(twilio, b.beneficiary.phone).length < 1 && Date.now() < end) await sleep(50);
      await sleep(500);
      const sent = messagesTo(twilio, b.beneficiary.phone);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatch(/^Les Connectés : rappel, RDV le \S+ \d+(er)? \S+ \d+ h( \d\d)? (au|à la|à l') ?.+\. Pour annuler, répondez ANNULER\. Une question : 0\d( \d\d){4}$/);
      expect(await app.jobs.runReminder({ ref: b.ref, slotId: b.slotId, early: true } as never)).toBe('already');
    } finally {
      await app.close();
      await twilio.close();
    }
  });
});

describe('reminders with two processes on one Redis', () => {
  let twilio: TwilioStandin;
  let one: Coord;
  let two: Coord;
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await twilio?.close();
  });

  it('sends exactly one reminder per confirmed booking, none for pending, cancelled or opted-out', async () => {
    twilio = await startTwilioStandin();
    // Five slots of one day; the apps' clock starts just before that day's reminder time.
    const all = generateSlots(loadCatalogue(), { now: new Date() }).filter((s) => s.territory === '44');
    const byDay = new Map<string, typeof all>();
    for (const s of all) byDay.set(s.start.slice(0, 10), [...(byDay.get(s.start.slice(0, 10)) ?? []), s]);
    const day = [...byDay.entries()].find(([d, list]) => list.length >= 5 && reminderTime(`${d}T00:00`, AT) > Date.now())!;
    const due = reminderTime(`${day[0]}T00:00`, AT);
    const t0 = Date.now();
    const lead = 4000;
    const now = () => new Date(due - lead + (Date.now() - t0));
    const prefix = testPrefix('reminders');
    one = await startCoordApp({ prefix, twilio, overrides: { now } });
    two = await startCoordApp({ prefix, twilio, overrides: { now } });
    const { token } = await addCoordinator(one.app, '44');
    const slots = day[1];
    const [a, b, pending, cancelled, optedOut] = await Promise.all(slots.slice(0, 5).map((slot) => book(one.app, { slot })));
    for (const x of [a, cancelled, optedOut]) expect((await api(one.base, token).post(`/bookings/${x.ref}/confirm`)).status).toBe(200);
    expect((await api(two.base, token).post(`/bookings/${b.ref}/confirm`)).status).toBe(200);
    await one.app.store.bookings.transition(cancelled.ref, ['confirmed'], 'cancelled');
    await one.app.store.counters.setOptOut(optedOut.beneficiary.phone, true);
    // Both processes plan every reminder again (as at a restart).
    await Promise.all([one.app.jobs.rescan(), two.app.jobs.rescan(), two.app.jobs.schedule((await two.app.store.bookings.get(a.ref))!)]);
    expect(Date.now() - t0).toBeLessThan(lead); // the reminders are still in the future

    const reminders = (phone: string) => messagesTo(twilio, phone).filter((m) => m.startsWith('Les Connectés : rappel'));
    const end = Date.now() + 15_000;
    while ((reminders(a.beneficiary.phone).length < 1 || reminders(b.beneficiary.phone).length < 1) && Date.now() < end) await sleep(50);
    await sleep(1500);
    const site = one.app.catalogue.sites.get(a.siteId)!.name;
    expect(reminders(a.beneficiary.phone)).toHaveLength(1);
    // Who writes, when, where (with its article and address), how to cancel, whom to call.
    expect(reminders(a.beneficiary.phone)[0]).toMatch(new RegExp(`^Les Connectés : rappel, RDV demain à \\d+ h( \\d\\d)? (au|à la|à l') ?${site.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[âàîôûç]/g, '.')}(, [^.]+)?\\. Pour annuler, répondez ANNULER\\. Une question : 0\\d( \\d\\d){4}$`));
    expect(reminders(b.beneficiary.phone)).toHaveLength(1);
    expect(reminders(pending.beneficiary.phone)).toHaveLength(0);
    expect(reminders(cancelled.beneficiary.phone)).toHaveLength(0);
    expect(reminders(optedOut.beneficiary.phone)).toHaveLength(0);
    // The reminder is in the audit trail once.
    const detail = (await (await api(one.base, token).get(`/bookings/${a.ref}`)).json()) as { audit: Array<{ action: string }> };
    expect(detail.audit.filter((e) => e.action === 'reminder')).toHaveLength(1);
  });
});

describe('reminders in memory mode', () => {
  it('runs on in-process timers, once, and not after the appointment', async () => {
    const twilio = await startTwilioStandin();
    const config = loadConfig({
      NODE_ENV: 'test', LOG_LEVEL: 'silent', TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+33939000000', TWILIO_API_URL: twilio.url,
    });
    let offset = 0;
    const catalogue = loadCatalogue();
    const slot = generateSlots(catalogue, { now: new Date() }).find((s) => s.territory === '44')!;
    const due = reminderTime(slot.start, AT);
    const t0 = Date.now();
    const app = await createApp(config, { logger: silentLogger, now: () => new Date(due - 1500 + (Date.now() - t0) + offset), outbound: { backoffMs: 20 } });
    try {
      expect(app.store.kind).toBe('memory');
      const b = await book(app, { slot });
      const r = await app.store.bookings.transition(b.ref, ['pending'], 'confirmed');
      if (!r.ok) throw new Error('confirm');
      await app.jobs.schedule(r.booking);
      await app.jobs.schedule(r.booking); // planned twice: still one
      const end = Date.now() + 8000;
      while (messagesTo(twilio, b.beneficiary.phone).length < 1 && Date.now() < end) await sleep(50);
      await sleep(500);
      expect(messagesTo(twilio, b.beneficiary.phone)).toHaveLength(1);
      // Once the appointment has started, a (late) reminder job does nothing.
      offset = b.startsAt - due + 60_000;
      expect(await app.jobs.runReminder({ ref: b.ref, slotId: b.slotId })).toBe('past');
    } finally {
      await app.close();
      await twilio.close();
    }
  });
});
