// People asking for workshops by SMS and web chat, the waiting list and its offers, and the
// coordinator's cancellation, over the whole bot (TestAdapter) on one memory store.
import { REF_CODE_PATTERN } from '../../src/booking/refcode';
import { silentLogger } from '../../src/log';
import type { OutboundMeta } from '../../src/notify';
import { MemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/store';
import { WorkshopService } from '../../src/workshop-service';
import type { Account } from '../../src/coordinator/accounts';
import { localToEpoch } from '../../src/booking/slots';
import { makeChat, NOW, testCatalogue } from '../dialogs/harness';

const joined = (r: string[]) => r.join('\n');
const refOf = (text: string) => new RegExp(`(${REF_CODE_PATTERN})`).exec(text)?.[1];

interface Sent { to: string; body: string; meta?: OutboundMeta }

/** One world: a store, a clock, the SMS that went out, and a chat per person. */
function world() {
  const store: Store = new MemoryStore();
  const clock = { now: NOW };
  const sent: Sent[] = [];
  const service = (s: Store, now: () => Date) => new WorkshopService({
    store: s, catalogue: testCatalogue(), logger: silentLogger, now,
    outbound: { send: async (to, body, meta) => { sent.push({ to, body, meta }); } },
    offerHours: 12,
  });
  const admin = service(store, () => clock.now);
  const coordinator: Account = { id: 'c1', name: 'Coordination 44', territory: '44', tokenHash: 'x', createdAt: 0 } as unknown as Account;
  const chat = (channel: 'sms' | 'webchat', from: string) => makeChat({ channel, from, store, clock, workshops: service });
  const smsTo = (phone: string) => sent.filter((m) => m.to === phone).map((m) => m.body);
  async function workshop(over: { siteId?: string; topic?: 'smartphone' | 'email' | 'ordinateur'; start?: string; seats?: number; title?: string } = {}) {
    const r = await admin.create(coordinator, {
      siteId: over.siteId ?? 'nantes-mediatheque-centre-ville', topic: over.topic ?? 'ordinateur',
      title: over.title ?? 'Tablette et ordinateur', start: over.start ?? '2026-12-02T14:00', durationMinutes: 90, seats: over.seats ?? 8,
    });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.workshop;
  }
  return { store, clock, sent, admin, coordinator, chat, smsTo, workshop };
}

/** Fills a workshop with people booked directly through the service. */
async function fill(w: ReturnType<typeof world>, id: string, n: number, offset = 0): Promise<string[]> {
  const refs: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await w.admin.takeSeat(id, { name: `Rempli ${i}`, phone: `+3361100${String(offset + i).padStart(4, '0')}`, requestedBy: 'self', channel: 'sms' });
    if (!r.ok) throw new Error(r.reason);
    refs.push(r.booking.ref);
  }
  return refs;
}

describe('asking for a workshop in one\'s own words', () => {
  it('"tablette en groupe" → the nearest upcoming ordinateur workshops, with seats left when few', async () => {
    const w = world();
    const far = await w.workshop({ siteId: 'saint-nazaire-mediatheque', start: '2026-11-30T10:00' });
    const near = await w.workshop({ start: '2026-12-02T14:00', seats: 3 });
    await w.workshop({ topic: 'email', start: '2026-11-27T10:00' });
    await fill(w, near.id, 1);
    const chat = w.chat('sms', '+33612000001');
    let r = joined(await chat.send('je voudrais apprendre à me servir de ma tablette en groupe'));
    expect(r).toMatch(/commune/);
    r = joined(await chat.send('44000'));
    // Nantes first (nearest), then Saint-Nazaire; the email workshop is not proposed.
    expect(r).toMatch(/^Ateliers gratuits en groupe \(Utiliser un ordinateur ou une tablette\) :/);
    const lines = r.split('\n').filter((l) => /^\d /.test(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^1 mer\. 2 déc\. 14 h, Médiathèque centre-ville, Nantes \(plus que 2 places\)$/);
    expect(lines[1]).toMatch(/^2 lun\. 30 nov\. 10 h, .*Saint-Nazaire/);
    expect(far.id).not.toBe(near.id);
  });

  it('"il y a des ateliers ?" → the topics that have workshops; "atelier mail" → the e-mail ones', async () => {
    const w = world();
    await w.workshop({ topic: 'email', title: 'Mon adresse e-mail' });
    await w.workshop({ topic: 'smartphone', title: 'Mon smartphone' });
    const chat = w.chat('sms', '+33612000002');
    let r = joined(await chat.send('il y a des ateliers ?'));
    expect(r).toMatch(/Quel atelier/);
    expect(r).toMatch(/\n1 .*\n2 /);
    const chat2 = w.chat('sms', '+33612000003');
    r = joined(await chat2.send('atelier mail'));
    expect(r).toMatch(/Ateliers E-mail|Ateliers e-mail|Ateliers .*mail/i);
    expect(r).toMatch(/\n1 mer\. 2 déc\. 14 h, Médiathèque centre-ville, Nantes$/);
    // No workshop of a topic: said plainly.
    const chat3 = w.chat('sms', '+33612000004');
    r = joined(await chat3.send('atelier impots'));
    expect(r).toMatch(/pas d'atelier/);
  });
});

describe('booking a seat', () => {
  it('by SMS for oneself: pick, name, recap, oui → a seat with a reference code; status and ANNULER work on it', async () => {
    const w = world();
    const ws = await w.workshop({ seats: 8 });
    const phone = '+33612000010';
    const chat = w.chat('sms', phone);
    let r = joined(await chat.send("je voudrais aller à un atelier pour apprendre l'ordinateur"));
    expect(r).toMatch(/\n1 mer\. 2 déc\./);
    r = joined(await chat.send('1'));
    expect(r).toMatch(/prénom et votre nom/);
    r = joined(await chat.send('Jeanne Martin'));
    expect(r).toMatch(/récapitule : atelier Tablette et ordinateur, mer\. 2 déc\. 14 h, Médiathèque centre-ville, Nantes, pour Jeanne Martin/);
    r = joined(await chat.send('oui'));
    const ref = refOf(r);
    expect(r).toMatch(/C'est réservé/);
    expect(ref).toBeDefined();
    expect(await w.store.bookings.get(ref!)).toMatchObject({
      kind: 'workshop', workshopId: ws.id, status: 'confirmed', beneficiary: { name: 'Jeanne Martin', phone }, requestedBy: 'self', channel: 'sms',
    });
    expect((await w.admin.get(ws.id))?.seatsTaken).toBe(1);
    // Twice the same person: told they have a seat already.
    await chat.send('atelier ordinateur');
    r = joined(await chat.send('1'));
    expect(r).toContain(`déjà une place à cet atelier (code ${ref})`);
    // Status lists the seat, ANNULER frees it.
    r = joined(await chat.send('quand est mon rdv'));
    expect(r).toContain(ref!);
    r = joined(await chat.send('annuler'));
    expect(r).toMatch(/Voulez-vous annuler/);
    r = joined(await chat.send('oui'));
    expect(r).toMatch(/annulé/);
    expect((await w.admin.get(ws.id))?.seatsTaken).toBe(0);
  });

  it('from the widget for a relative: their name and mobile; the relative gets the SMS with the code', async () => {
    const w = world();
    await w.workshop({ topic: 'smartphone', title: 'Mon smartphone' });
    const chat = w.chat('webchat', 'web-42');
    let r = joined(await chat.send('un atelier smartphone pour ma mère'));
    expect(r).toMatch(/\n1 /);
    r = joined(await chat.send('1'));
    expect(r).toMatch(/le nom de la personne/);
    r = joined(await chat.send('Odette Martin'));
    expect(r).toMatch(/portable/);
    r = joined(await chat.send('0102030405'));
    expect(r).toMatch(/pas compris ce numéro/);
    r = joined(await chat.send('06 98 76 54 32'));
    expect(r).toMatch(/pour Odette Martin/);
    r = joined(await chat.send('oui'));
    const ref = refOf(r)!;
    expect(await w.store.bookings.get(ref)).toMatchObject({ requestedBy: 'relative', channel: 'webchat', beneficiary: { phone: '+33698765432' } });
    expect(w.smsTo('+33698765432').join('\n')).toContain(ref);
  });
});

describe('full workshops and the waiting list', () => {
  it('full → "C\'est complet…" → oui → on the waiting list (position said once)', async () => {
    const w = world();
    const ws = await w.workshop({ seats: 2 });
    await fill(w, ws.id, 2);
    const chat = w.chat('sms', '+33612000020');
    let r = joined(await chat.send('atelier ordinateur'));
    expect(r).toMatch(/\(complet\)/);
    r = joined(await chat.send('1'));
    expect(r).toMatch(/^C'est complet\. Voulez-vous (ê|e)tre prévenu\(e\) si une place se libère \? Répondez OUI ou NON\.$/);
    r = joined(await chat.send('oui'));
    expect(r).toMatch(/prénom et votre nom/);
    r = joined(await chat.send('Paul Durand'));
    expect(r).toMatch(/(n°|no) 1 sur la liste d'attente/);
    expect((await w.store.workshops.waitlist(ws.id)).map((e) => [e.name, e.phone])).toEqual([['Paul Durand', '+33612000020']]);
  });

  it('the last seat taken between the list and the "oui" → told politely, offered the waiting list', async () => {
    const w = world();
    const ws = await w.workshop({ seats: 1 });
    const chat = w.chat('sms', '+33612000021');
    await chat.send('atelier ordinateur');
    await chat.send('1');
    await chat.send('Paul Durand');
    await fill(w, ws.id, 1); // someone else, meanwhile
    let r = joined(await chat.send('oui'));
    expect(r).toMatch(/la dernière place vient d'(ê|e)tre prise/);
    r = joined(await chat.send('oui'));
    expect(r).toMatch(/(n°|no) 1 sur la liste d'attente/);
    expect((await w.admin.get(ws.id))?.seatsTaken).toBe(1);
  });

  it('a freed seat → SMS offer to the first person waiting → OUI takes it', async () => {
    const w = world();
    const ws = await w.workshop({ seats: 1 });
    const [taken] = await fill(w, ws.id, 1);
    const waiting = '+33612000030';
    const chat = w.chat('sms', waiting);
    await chat.send('atelier ordinateur');
    await chat.send('1');
    await chat.send('oui');
    await chat.send('Paul Durand');
    // Nothing to offer while full.
    expect(await w.admin.tick()).toEqual({ offered: 0, expired: 0 });
    await w.store.bookings.transition(taken, ['confirmed'], 'cancelled');
    expect(await w.admin.tick()).toEqual({ offered: 1, expired: 0 });
    const [offer] = w.smsTo(waiting);
    expect(offer).toMatch(/Une place s'est libérée : atelier Tablette et ordinateur, mer\. 2 déc\. 14 h/);
    expect(offer).toMatch(/gardée 12 h/);
    const r = joined(await chat.send('OUI'));
    expect(r).toMatch(/C'est réservé/);
    const ref = refOf(r)!;
    expect(await w.store.bookings.get(ref)).toMatchObject({ workshopId: ws.id, beneficiary: { name: 'Paul Durand', phone: waiting }, status: 'confirmed' });
    expect(await w.admin.get(ws.id)).toMatchObject({ seatsTaken: 1, seatsOffered: 0, waiting: 0 });
  });

  it('an offer not answered within WAITLIST_OFFER_HOURS passes to the next person; a late OUI gets nothing', async () => {
    const w = world();
    const ws = await w.workshop({ seats: 1, start: '2026-12-04T14:00' });
    const [taken] = await fill(w, ws.id, 1);
    const first = '+33612000040';
    const second = '+33612000041';
    for (const [phone, name] of [[first, 'Anne Premier'], [second, 'Bruno Second']]) {
      expect((await w.admin.joinWaitlist(ws.id, { name, phone, requestedBy: 'self', channel: 'sms' })).ok).toBe(true);
    }
    await w.store.bookings.transition(taken, ['confirmed'], 'cancelled');
    await w.admin.tick();
    expect(w.smsTo(first)).toHaveLength(1);
    expect(w.smsTo(second)).toHaveLength(0);
    // 11 h later (21:00): still held for the first person; and no message at night anyway.
    w.clock.now = new Date(NOW.getTime() + 11 * 3600_000);
    expect(await w.admin.tick()).toEqual({ offered: 0, expired: 0 });
    // 12 h later (22:00 Paris): expired, but nobody is woken up: the next offer waits for 9:00.
    w.clock.now = new Date(NOW.getTime() + 12 * 3600_000);
    expect(await w.admin.tick()).toEqual({ offered: 0, expired: 1 });
    expect(w.smsTo(second)).toHaveLength(0);
    w.clock.now = new Date(localToEpoch('2026-11-26T09:00')!);
    expect(await w.admin.tick()).toEqual({ offered: 1, expired: 0 });
    expect(w.smsTo(second)[0]).toMatch(/Une place s'est libérée/);
    // The first person answers too late: not a seat (the answer goes to the usual dialog).
    const late = w.chat('sms', first);
    expect(joined(await late.send('oui'))).not.toMatch(/C'est réservé/);
    const r = joined(await w.chat('sms', second).send('oui'));
    expect(r).toMatch(/C'est réservé/);
    expect((await w.admin.seatBookings(ws.id)).map((b) => b.beneficiary.phone)).toEqual([second]);
  });

  it('NON to an offer passes it on at once; no offer once the workshop has started', async () => {
    const w = world();
    const ws = await w.workshop({ seats: 1, start: '2026-11-25T16:00' });
    const [taken] = await fill(w, ws.id, 1);
    const a = '+33612000050';
    const b = '+33612000051';
    await w.admin.joinWaitlist(ws.id, { name: 'Anne A', phone: a, requestedBy: 'self', channel: 'sms' });
    await w.admin.joinWaitlist(ws.id, { name: 'Bruno B', phone: b, requestedBy: 'self', channel: 'sms' });
    await w.store.bookings.transition(taken, ['confirmed'], 'cancelled');
    expect(await w.admin.tick()).toEqual({ offered: 1, expired: 0 });
    // Held until the start (16:00), not 12 h.
    expect(w.smsTo(a)[0]).toMatch(/gardée 6 h/);
    expect(joined(await w.chat('sms', a).send('non'))).toMatch(/proposée à une autre personne/);
    expect(w.smsTo(b)).toHaveLength(1);
    // B does not answer; the workshop starts: no more offers.
    w.clock.now = new Date(localToEpoch('2026-11-25T16:00')!);
    expect(await w.admin.tick()).toEqual({ offered: 0, expired: 1 });
  });
});

describe('an answer to an offer SMS in the middle of another request', () => {
  const later = (w: ReturnType<typeof world>, minutes: number) => { w.clock.now = new Date(w.clock.now.getTime() + minutes * 60_000); };

  /** A person on the waiting list of a full workshop, whose seat is then freed (not yet offered). */
  async function waitingFor(w: ReturnType<typeof world>, phone: string) {
    const ws = await w.workshop({ seats: 1 });
    const [taken] = await fill(w, ws.id, 1);
    expect((await w.admin.joinWaitlist(ws.id, { name: 'Paul Durand', phone, requestedBy: 'self', channel: 'sms' })).ok).toBe(true);
    await w.store.bookings.transition(taken, ['confirmed'], 'cancelled');
    return ws;
  }

  it('"oui je prends" after an offer sent during a new booking takes the seat, then the booking goes on where it was', async () => {
    const w = world();
    const phone = '+33612000070';
    const ws = await waitingFor(w, phone);
    const chat = w.chat('sms', phone);
    expect(joined(await chat.send('je voudrais un rendez-vous pour la caf'))).toMatch(/pour vous ou pour un proche/);
    later(w, 5);
    expect(await w.admin.tick()).toEqual({ offered: 1, expired: 0 });
    later(w, 5);
    const r = await chat.send('oui je prends');
    expect(joined(r)).toMatch(/C'est réservé ! Atelier Tablette et ordinateur/);
    expect(joined(r)).toMatch(/Reprenons votre demande en cours :\n?Le rendez-vous est pour vous ou pour un proche/);
    expect(await w.admin.seatBookings(ws.id)).toEqual([expect.objectContaining({ beneficiary: { name: 'Paul Durand', phone } })]);
    // The interrupted request goes on where it was.
    expect(joined(await chat.send('1'))).toMatch(/commune/);
  });

  it('NON to the offer passes it on and the pending question is asked again', async () => {
    const w = world();
    const phone = '+33612000071';
    const ws = await waitingFor(w, phone);
    await w.admin.joinWaitlist(ws.id, { name: 'Bruno Suivant', phone: '+33612000072', requestedBy: 'self', channel: 'sms' });
    const chat = w.chat('sms', phone);
    await chat.send('je voudrais un rendez-vous pour la caf');
    later(w, 1);
    await w.admin.tick();
    later(w, 1);
    const r = joined(await chat.send('non merci'));
    expect(r).toMatch(/proposée à une autre personne/);
    expect(r).toMatch(/Reprenons votre demande en cours :\n?Le rendez-vous est pour vous ou pour un proche/);
    expect(w.smsTo('+33612000072')).toEqual([expect.stringMatching(/Une place s'est libérée/)]);
  });

  it('a yes/no to a question asked after the offer answers that question; the offer stays', async () => {
    const w = world();
    const phone = '+33612000073';
    const ws = await waitingFor(w, phone);
    await w.admin.tick();
    expect(w.smsTo(phone)).toHaveLength(1);
    const chat = w.chat('sms', phone);
    later(w, 5);
    // Something unclear: our question ("Répondez OUI ou NON") comes after the offer.
    expect(joined(await chat.send('euh bof'))).toMatch(/Je n'ai pas bien compris/);
    later(w, 1);
    expect(joined(await chat.send('oui'))).not.toMatch(/C'est réservé/);
    expect(await w.admin.get(ws.id)).toMatchObject({ seatsTaken: 0, seatsOffered: 1 });
    // Once that request is over, a bare OUI takes the offer, still held.
    await chat.send('ANNULER');
    later(w, 1);
    expect(joined(await chat.send('oui'))).toMatch(/C'est réservé/);
    expect(await w.admin.get(ws.id)).toMatchObject({ seatsTaken: 1, seatsOffered: 0 });
  });
});

describe('the coordinator cancels a workshop', () => {
  it('every participant is told with the reason, their seats are cancelled', async () => {
    const w = world();
    const ws = await w.workshop({ seats: 4 });
    const phone = '+33612000060';
    const chat = w.chat('sms', phone);
    await chat.send('atelier ordinateur');
    await chat.send('1');
    await chat.send('Jeanne Martin');
    const ref = refOf(joined(await chat.send('oui')))!;
    await fill(w, ws.id, 2);
    const r = await w.admin.cancel(w.coordinator, ws.id, 'la salle est fermée pour travaux');
    expect(r).toMatchObject({ ok: true, told: 3, changed: true });
    expect(w.smsTo(phone)).toEqual([expect.stringMatching(/l'atelier Tablette et ordinateur du mer\. 2 déc\. 14 h est annulé : la salle est fermée pour travaux/)]);
    expect((await w.store.bookings.get(ref))?.status).toBe('cancelled');
    expect(joined(await chat.send('quand est mon rdv'))).toMatch(/pas de rendez-vous/);
    // Not proposed any more.
    expect(joined(await w.chat('sms', '+33612000061').send('atelier ordinateur'))).toMatch(/pas d'atelier/);
  });
});
