// The reminder was the last thing sent: replying ANNULER to it cancels after a yes/no, frees
// the slot, and the coordinator sees the cancellation.
import { addCoordinator, api, book, expectMessages, signedSms, startCoordApp, type Coord } from './helpers';

jest.setTimeout(60_000);
let c: Coord;
beforeAll(async () => { c = await startCoordApp(); });
afterAll(async () => { await c.close(); });

const sms = (from: string, body: string) => signedSms(c, from, body);

it('ANNULER after the reminder cancels after OUI, frees the slot and shows in the coordinator API', async () => {
  const { token } = await addCoordinator(c.app, '44');
  const b = await book(c.app);
  expect((await api(c.base, token).post(`/bookings/${b.ref}/confirm`)).status).toBe(200);
  expect(await c.app.jobs.runReminder({ ref: b.ref, slotId: b.slotId })).toBe('sent');
  expect(await c.app.jobs.runReminder({ ref: b.ref, slotId: b.slotId })).toBe('already');
  const sent = await expectMessages(c.twilio, b.beneficiary.phone, 2);
  expect(sent[1]).toMatch(/^Les Connectés : rappel, RDV demain/);

  expect(await sms(b.beneficiary.phone, 'ANNULER')).toMatch(/Voulez-vous annuler votre rendez-vous/);
  expect(await sms(b.beneficiary.phone, 'oui')).toMatch(/est annul/);
  const detail = (await (await api(c.base, token).get(`/bookings/${b.ref}`)).json()) as { booking: { status: string } };
  expect(detail.booking.status).toBe('cancelled');
  // The slot can be booked again; the reminder would not go out any more.
  expect(await c.app.store.bookings.takenAmong([{ id: b.slotId, territory: b.territory } as never])).toEqual(new Set());
  const page = await (await api(c.base, token).get(`/bookings?status=cancelled`)).json() as { items: Array<{ ref: string }> };
  expect(page.items.map((i) => i.ref)).toContain(b.ref);
});
