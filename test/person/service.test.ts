// The person's own actions, over the in-memory store: what the dialogs call.
import { AuditTrail } from '../../src/audit';
import type { Slot } from '../../src/booking/model';
import { generateSlots } from '../../src/booking/slots';
import { emptyForm, type Form } from '../../src/conversation/form';
import { silentLogger } from '../../src/log';
import { PersonService } from '../../src/person/service';
import { MemoryStore } from '../../src/store/memory';
import { NOW, testCatalogue } from '../dialogs/harness';

const PHONE = '+33612345678';

function setup() {
  const store = new MemoryStore();
  const clock = { now: NOW };
  const audit = new AuditTrail(store.logs, 90, () => clock.now.getTime());
  const person = new PersonService({ store, catalogue: testCatalogue(), logger: silentLogger, now: () => clock.now, holdMinutes: 10, audit });
  // One slot per start time: the order of "my bookings" is then the order of the appointments.
  const starts = new Set<number>();
  const slots = generateSlots(testCatalogue(), { now: NOW })
    .filter((s) => s.mode === 'site' && !starts.has(s.startsAt) && starts.add(s.startsAt));
  return { store, clock, audit, person, slots };
}

async function book(person: PersonService, slot: Slot, phone = PHONE) {
  const held = await person.hold(slot);
  if (!held.ok) throw new Error('slot taken');
  const form: Form = { ...emptyForm(), topic: 'caf', forOther: false, name: 'Marie Dupont', phone, smsConsent: true, chosen: { slot, holdId: held.holdId } };
  const r = await person.commit(form, { channel: 'sms', conversationId: phone });
  if (!r.ok) throw new Error('hold lost');
  return r.booking;
}

describe('PersonService', () => {
  it('commits a held request as a pending booking, once', async () => {
    const { person, slots, store } = setup();
    const b = await book(person, slots[0]);
    expect(b).toMatchObject({ status: 'pending', slotId: slots[0].id, beneficiary: { phone: PHONE }, channel: 'sms' });
    expect(await store.bookings.get(b.ref)).toEqual(b);
    expect((await person.hold(slots[0])).ok).toBe(false);
  });

  it('answers hold-lost when the hold was released', async () => {
    const { person, slots } = setup();
    const held = await person.hold(slots[1]);
    if (!held.ok) throw new Error('slot taken');
    await person.release(slots[1], held.holdId);
    const form: Form = { ...emptyForm(), topic: 'caf', forOther: false, name: 'Marie', phone: PHONE, smsConsent: true, chosen: { slot: slots[1], holdId: held.holdId } };
    expect(await person.commit(form, { channel: 'webchat' })).toEqual({ ok: false, code: 'hold-lost' });
  });

  it('lists my upcoming bookings by proven number and by this conversation\'s references, soonest first, once each', async () => {
    const { person, slots, clock } = setup();
    const later = await book(person, slots[5]);
    const sooner = await book(person, slots[2]);
    const web = await book(person, slots[8], '+33698765432');
    const mine = await person.upcoming({ phone: PHONE, refs: [later.ref, web.ref] });
    expect(mine.map((b) => b.ref)).toEqual([sooner, later, web].sort((a, b) => a.startsAt - b.startsAt).map((b) => b.ref));
    expect(await person.upcoming({ refs: [] })).toEqual([]);
    clock.now = new Date(web.startsAt + 1);
    expect((await person.upcoming({ refs: [web.ref] }))).toEqual([]);
  });

  it('cancels only one of my upcoming bookings, and says so in the audit trail', async () => {
    const { person, slots, audit } = setup();
    const b = await book(person, slots[3]);
    expect(await person.cancel({ refs: [] }, b.ref)).toEqual({ ok: false, code: 'not-found' });
    const r = await person.cancel({ phone: PHONE, refs: [] }, b.ref);
    expect(r).toMatchObject({ ok: true, changed: true, booking: { status: 'cancelled' } });
    expect((await audit.read(b.ref)).map((e) => [e.action, e.actor.kind, e.after.status])).toEqual([['cancel', 'beneficiary', 'cancelled']]);
    expect(await person.cancel({ phone: PHONE, refs: [] }, b.ref)).toEqual({ ok: false, code: 'not-found' });
  });

  it('erases: cancels what is upcoming and removes name and number from every booking', async () => {
    const { person, slots, store } = setup();
    const a = await book(person, slots[4]);
    const c = await book(person, slots[6]);
    await person.cancel({ phone: PHONE, refs: [] }, c.ref);
    expect(await person.erase({ phone: PHONE, refs: [] })).toEqual({ bookings: 2, cancelled: 1 });
    for (const ref of [a.ref, c.ref]) {
      const b = await store.bookings.get(ref);
      expect(b?.status).toBe('cancelled');
      expect(b?.beneficiary.phone).not.toBe(PHONE);
    }
    expect(await store.bookings.byPhone(PHONE)).toEqual([]);
  });
});
