// The person moves their appointment by SMS, end to end (issue 20): real HTTP, Redis and the
// Twilio stand-in. The coordinator API shows the move in the audit trail and the new start; the
// beneficiary gets one SMS for the move (one GSM-7 segment, with the reference and ANNULER).
import { DateTime } from 'luxon';
import { ZONE } from '../../src/booking/slots';
import { segments, toGsm7 } from '../../src/sms-text/gsm7';
import { fromXml } from '../sms/client';
import { REF_CODE_PATTERN } from '../../src/booking/refcode';
import { api, book, expectMessages, freeSlot, signedSms, uniquePhone, withCoordinators, type Coord } from './helpers';

let c: Coord;
let token44: string;
withCoordinators((x) => ({ c, token44 } = x));

const sms = async (from: string, body: string) => fromXml(await signedSms(c, from, body)).join('\n');

interface Detail { booking: { ref: string; status: string; start: string }; audit: Array<{ action: string; actor: { kind: string }; reason?: string; before: { start: string; status: string }; after: { start: string; status: string } }> }

it('by SMS: a confirmed appointment moved to another day, the reply is the one SMS, the coordinator sees it', async () => {
  const phone = uniquePhone();
  const slot = await freeSlot(c.app, { territory: '44', siteId: 'saint-herblain-ccas', now: DateTime.now().plus({ days: 4 }).toJSDate() });
  const b = await book(c.app, { slot, phone, topic: 'caf' });
  expect((await api(c.base, token44).post(`/bookings/${b.ref}/confirm`)).status).toBe(200);
  expect(await expectMessages(c.twilio, phone, 1)).toHaveLength(1); // "RDV confirmé"

  const props = await sms(phone, 'bonjour je voudrais changer mon rendez-vous');
  expect(props).toMatch(/\n1 /);
  const recap = await sms(phone, '1');
  expect(recap).toMatch(/devient .*Il devra etre confirmé à nouveau\. C'est bon \?/);
  const done = await sms(phone, 'oui');
  expect(done).toContain(b.ref);
  expect(done).toMatch(/répondez ANNULER/);
  expect(segments(toGsm7(done))).toBe(1);
  // No second SMS: the reply told it.
  expect(await expectMessages(c.twilio, phone, 1, 1000)).toHaveLength(1);

  const detail = (await (await api(c.base, token44).get(`/bookings/${b.ref}`)).json()) as Detail;
  expect(detail.booking.ref).toBe(b.ref);
  expect(detail.booking.status).toBe('pending');
  expect(detail.booking.start).not.toBe(b.start);
  expect(detail.audit.at(-1)).toMatchObject({
    action: 'reschedule', actor: { kind: 'beneficiary' }, reason: 'Déplacé par la personne',
    before: { start: b.start, status: 'confirmed' }, after: { start: detail.booking.start, status: 'pending' },
  });
  const pending = (await (await api(c.base, token44).get('/bookings?status=pending')).json()) as { items: Array<{ ref: string; start: string }> };
  expect(pending.items.find((i) => i.ref === b.ref)?.start).toBe(detail.booking.start);
  // The old slot is free again.
  expect(await c.app.store.bookings.takenAmong([slot])).toEqual(new Set());
});

it('by a relative: the beneficiary gets one SMS for the move, one segment, with the reference and ANNULER', async () => {
  const relative = uniquePhone();
  const mother = uniquePhone();
  const day = DateTime.now().setZone(ZONE).plus({ days: 6 }).setLocale('fr').toFormat('d MMMM');
  expect(await sms(relative, `rdv caf le ${day} à Saint-Herblain pour ma mère`)).toMatch(/\n1 /);
  expect(await sms(relative, '1')).toMatch(/nom et le prénom de la personne/);
  expect(await sms(relative, 'Paulette Durand')).toMatch(/portable de la personne/);
  expect(await sms(relative, mother.replace('+33', '0'))).toMatch(/d'accord pour recevoir des SMS/);
  expect(await sms(relative, 'oui')).toMatch(/récapitule/);
  const ref = new RegExp(`(${REF_CODE_PATTERN})`).exec(await sms(relative, 'oui'))?.[1];
  expect(ref).toBeDefined();
  expect(await expectMessages(c.twilio, mother, 1)).toHaveLength(1); // the request notice

  expect(await sms(relative, 'on peut décaler le rendez-vous de ma mère ?')).toMatch(/\n1 /);
  expect(await sms(relative, '1')).toMatch(/devient/);
  expect(await sms(relative, 'oui')).toContain(ref!);
  const told = await expectMessages(c.twilio, mother, 2);
  expect(told).toHaveLength(2);
  const moved = told[1]!;
  expect(moved).toContain(ref!);
  expect(moved).toMatch(/répondez ANNULER/);
  expect(segments(toGsm7(moved))).toBe(1);
  const detail = (await (await api(c.base, token44).get(`/bookings/${ref}`)).json()) as Detail;
  expect(detail.audit.at(-1)).toMatchObject({ action: 'reschedule', actor: { kind: 'beneficiary' }, reason: 'Déplacé par la personne' });
  expect(moved).toContain(DateTime.fromISO(detail.booking.start).setLocale('fr').toFormat('d'));
});
