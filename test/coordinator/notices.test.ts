// Composing and sending the notices: texts per event and mode, GSM-7 and length, consent,
// opt-out, the web conversation, and idempotency per (event, booking, slot).
import { loadCatalogue } from '../../src/booking/catalogue';
import { newBooking } from '../../src/booking/lifecycle';
import type { Booking } from '../../src/booking/model';
import { generateSlots } from '../../src/booking/slots';
import { isGsm7, segments, toGsm7 } from '../../src/sms-text/gsm7';
import { silentLogger } from '../../src/log';
import { composeNotice, DECLINE_REASONS, NOTICE_EVENTS, sendNotice } from '../../src/notices';
import { fitNotice, placeAt, siteAddressShort } from '../../src/notices/compose';
import { MemoryStore } from '../../src/store/memory';

const catalogue = loadCatalogue();
const slots = generateSlots(catalogue, { now: new Date('2026-11-25T09:00:00Z') });

function booking(over: Partial<Booking> = {}, slotIndex = 0): Booking {
  return { ...newBooking({ slot: slots[slotIndex], topic: 'caf', beneficiary: { name: 'Jeanne Martin', phone: '+33612345678' }, requestedBy: 'self', channel: 'sms', now: 0 }), ...over };
}

describe('composeNotice', () => {
  it('says the example sentence for a confirmed site appointment', () => {
    const sh = slots.find((s) => s.siteId === 'saint-herblain-ccas' && s.start === '2026-12-01T10:30');
    if (!sh) throw new Error('fixture: no slot on Tuesday 1 December 10:30 at the CCAS de Saint-Herblain');
    const b = booking({ ...sh, slotId: sh.id } as Partial<Booking>);
    expect(composeNotice(b, 'confirmed', catalogue).sms).toBe('Les Connectés : RDV confirmé le mar. 1er déc. 10 h 30 au CCAS de Saint-Herblain. Pour annuler, répondez ANNULER. Une question : 02 40 00 00 44');
  });

  it('every SMS says who writes, is GSM-7 once rendered and fits two segments at most', () => {
    for (const [i, s] of slots.slice(0, 60).entries()) {
      for (const mode of ['site', 'home'] as const) {
        for (const event of NOTICE_EVENTS) {
          const reasons = event === 'declined' ? DECLINE_REASONS : [undefined];
          for (const reason of reasons) {
            const b = booking({ ...s, slotId: s.id, mode, commune: { insee: '44162', name: 'Saint-Herblain' }, declineReason: reason } as Partial<Booking>, i);
            const sms = toGsm7(composeNotice(b, event, catalogue).sms);
            expect(isGsm7(sms)).toBe(true);
            expect(sms.startsWith('Les Connectés : ')).toBe(true);
            expect({ event, mode, reason, sms, segments: segments(sms) <= 2 }).toMatchObject({ segments: true });
          }
        }
      }
    }
  });

  it('every notice of an ordinary booking fits ONE segment, at every site of the catalogue, for a visit or a site, by the person or a relative', () => {
    const firstBySite = new Map<string, (typeof slots)[number]>();
    for (const s of slots) if (!firstBySite.has(s.siteId)) firstBySite.set(s.siteId, s);
    expect(firstBySite.size).toBe(catalogue.sites.size);
    for (const s of firstBySite.values()) {
      for (const mode of ['site', 'home'] as const) {
        for (const requestedBy of ['self', 'relative'] as const) {
          for (const event of NOTICE_EVENTS) {
            for (const reason of event === 'declined' ? DECLINE_REASONS : [undefined]) {
              const b = booking({
                ...s, slotId: s.id, mode, requestedBy, channel: 'webchat', declineReason: reason, commune: { insee: s.siteId, name: catalogue.sites.get(s.siteId)!.address.commune },
                homeAddress: mode === 'home' ? { line: '12 rue des Lilas', postcode: catalogue.sites.get(s.siteId)!.address.postcode, commune: catalogue.sites.get(s.siteId)!.address.commune } : undefined,
              } as Partial<Booking>);
              const sms = toGsm7(composeNotice(b, event, catalogue).sms);
              if (segments(sms) !== 1) throw new Error(`over one segment: ${event} ${mode} ${requestedBy} ${sms}`);
              // A way out in every notice that asks nothing; a human's number in the confirmation.
              if (event !== 'declined') expect(sms).toMatch(/répondez ANNULER|Une question : 0/);
              if (event === 'confirmed') expect(sms).toMatch(/Une question : 0\d( \d\d){4}$/);
            }
          }
        }
      }
    }
  });

  it('fits a notice to one segment: the full sentence when it fits, then without the street line, then without the address, else the shortest', () => {
    const vars = { sender: 'Les Connectés', date: 'jeu. 3 déc. 14 h', placeAt: 'au CCAS de Pornic', helpline: '02 40 00 00 44' };
    const short = fitNotice('notice.confirmed', { ...vars, address: '2 rue Nord, 44210 Pornic', addressShort: '2 rue Nord' });
    expect(short).toBe('Les Connectés : RDV confirmé le jeu. 3 déc. 14 h au CCAS de Pornic, 2 rue Nord, 44210 Pornic. Pour annuler, répondez ANNULER. Une question : 02 40 00 00 44');
    const street = fitNotice('notice.confirmed', { ...vars, address: '12 rue du Général de Gaulle, 44210 Pornic', addressShort: '12 rue du Général de Gaulle' });
    expect(street).toBe('Les Connectés : RDV confirmé le jeu. 3 déc. 14 h au CCAS de Pornic, 12 rue du Général de Gaulle. Pour annuler, répondez ANNULER. Une question : 02 40 00 00 44');
    const long = 'Espace numérique intercommunal du Pays de Retz et de la Côte de Jade, bâtiment B';
    const none = fitNotice('notice.confirmed', { ...vars, address: `${long}, 44210 Pornic`, addressShort: long });
    expect(none).toBe('Les Connectés : RDV confirmé le jeu. 3 déc. 14 h au CCAS de Pornic. Pour annuler, répondez ANNULER. Une question : 02 40 00 00 44');
    // Nothing fits (a very long place name): the shortest form, never more than two segments.
    const huge = fitNotice('notice.confirmed', { ...vars, placeAt: `à l'${long}`, address: `${long}, 44210 Pornic`, addressShort: long });
    expect(huge).toBe(`Les Connectés : RDV confirmé le jeu. 3 déc. 14 h à l'${long}. Pour annuler, répondez ANNULER. Une question : 02 40 00 00 44`);
    expect(segments(toGsm7(huge))).toBe(2);
  });

  it('the short address leaves out what the place\'s name says already', () => {
    expect(siteAddressShort({ name: 'CCAS de Saint-Herblain', address: { line: '1 rue de la Mairie', postcode: '44800', commune: 'Saint-Herblain', insee: '44162' } })).toBe('1 rue de la Mairie');
    expect(siteAddressShort({ name: 'Maison de quartier Bellevue', address: { line: '2 rue Nord', postcode: '44100', commune: 'Nantes', insee: '44109' } })).toBe('44100 Nantes');
    expect(siteAddressShort({ name: 'Mairie de Reze', address: { line: '2 rue Nord', postcode: '44400', commune: 'Rezé', insee: '44143' } })).toBe('2 rue Nord');
  });

  it('home visits: approximate time and the volunteer\'s first name, no site name', () => {
    const b = booking({ mode: 'home', commune: { insee: '44109', name: 'Nantes' } });
    const first = catalogue.volunteers.get(b.volunteerId)!.firstName;
    const { sms, web } = composeNotice(b, 'confirmed', catalogue);
    expect(sms).toContain(' vers ');
    expect(sms).toContain(`avec ${first}`);
    expect(sms).not.toContain(catalogue.sites.get(b.siteId)!.name);
    expect(web).toContain(first);
  });
});

describe('placeAt', () => {
  it('puts the right article before the site', () => {
    expect(placeAt({ name: 'CCAS de Pornic', kind: 'ccas' })).toBe('au CCAS de Pornic');
    expect(placeAt({ name: 'Médiathèque de Clisson', kind: 'mediatheque' })).toBe('à la Médiathèque de Clisson');
    expect(placeAt({ name: 'Centre médico-social Nantes Nord', kind: 'cms' })).toBe('au Centre médico-social Nantes Nord');
    expect(placeAt({ name: 'Espace France services de Rezé', kind: 'france_services' })).toBe("à l'Espace France services de Rezé");
    expect(placeAt({ name: 'Le Lieu Unique', kind: 'tiers_lieu' })).toBe('au Lieu Unique');
    expect(placeAt({ name: 'Les Petits Débrouillards', kind: 'association' })).toBe('aux Petits Débrouillards');
    expect(placeAt({ name: 'France services de Blain', kind: 'france_services' })).toBe('à France services de Blain');
    expect(placeAt({ name: "L'Atelier numérique", kind: 'association' })).toBe("à l'Atelier numérique");
    expect(placeAt({ name: 'Lecture pour tous', kind: 'association' })).toBe('à Lecture pour tous');
  });
});

describe('sendNotice', () => {
  function deps() {
    const store = new MemoryStore();
    const sent: Array<{ to: string; body: string; key?: string }> = [];
    const posted: Array<{ id: string; text?: string }> = [];
    return {
      store, sent, posted,
      d: {
        store, catalogue, logger: silentLogger,
        outbound: { send: async (to: string, body: string, meta?: { key?: string }) => { sent.push({ to, body, key: meta?.key }); } },
        postToConversation: async (id: string, a: { text?: string }) => { posted.push({ id, text: a.text }); return 'x'; },
      },
    };
  }

  it('a request made by a relative is told to the beneficiary by SMS; by the person on the web, to them; by SMS, not again', async () => {
    const { d, sent, posted, store } = deps();
    const byRelative = booking({ channel: 'webchat', conversationId: 'conv-2', requestedBy: 'relative', ref: 'RLT-222' });
    expect(await sendNotice(d, byRelative, 'requested')).toEqual({ sms: 'queued', web: 'not-web' });
    expect(sent[0].body).toMatch(/^Les Connectés : un proche a demandé pour vous un RDV le .* (au|à la|à l')[^.]*\.( Vous recevrez une confirmation\.)? Pour annuler, répondez ANNULER\.$/);
    const selfWeb = booking({ channel: 'webchat', conversationId: 'conv-3', requestedBy: 'self', ref: 'SLF-333', beneficiary: { name: 'Paul Roy', phone: '+33698765432' } });
    expect(await sendNotice(d, selfWeb, 'requested')).toEqual({ sms: 'queued', web: 'not-web' });
    expect(sent[1]).toMatchObject({ to: '+33698765432', body: expect.stringMatching(/^Les Connectés : votre demande de RDV du .* est enregistrée \(réf\. SLF-333\)/) });
    const selfSms = booking({ ref: 'SMS-444' });
    expect(await sendNotice(d, selfSms, 'requested')).toEqual({ sms: 'not-needed', web: 'not-web' });
    expect(sent).toHaveLength(2);
    // The conversation that made the request already said it: nothing posted there.
    expect(posted).toEqual([]);
    await store.close();
  });

  it('the territory\'s configured sender name signs its SMS', () => {
    const named = { ...catalogue, territories: new Map([...catalogue.territories].map(([id, t]) => [id, id === '44' ? { ...t, senderName: 'Connectés 44' } : t])) } as typeof catalogue;
    expect(composeNotice(booking(), 'confirmed', named).sms).toMatch(/^Connectés 44 : RDV confirmé/);
  });

  it('web widget bookings also get a message in their conversation, once', async () => {
    const { d, sent, posted, store } = deps();
    const b = booking({ channel: 'webchat', conversationId: 'conv-1', requestedBy: 'relative' });
    expect(await sendNotice(d, b, 'confirmed')).toEqual({ sms: 'queued', web: 'posted' });
    expect(await sendNotice(d, b, 'confirmed')).toEqual({ sms: 'queued', web: 'already' });
    expect(posted).toEqual([{ id: 'conv-1', text: expect.stringMatching(/^Bonne nouvelle : le rendez-vous du .* est confirmé/) }]);
    // Both SMS carry one idempotency key: the queue keeps one.
    expect(new Set(sent.map((s) => s.key)).size).toBe(1);
    await store.close();
  });

  it('no SMS without consent or after STOP; the web message still goes', async () => {
    const { d, sent, posted, store } = deps();
    expect(await sendNotice(d, booking({ smsConsent: false, channel: 'webchat', conversationId: 'c2' }), 'declined')).toEqual({ sms: 'no-consent', web: 'posted' });
    await store.counters.setOptOut('+33612345678', true);
    expect(await sendNotice(d, booking(), 'reminder')).toEqual({ sms: 'opted-out', web: 'not-web' });
    expect(sent).toEqual([]);
    expect(posted).toHaveLength(1);
    await store.close();
  });

  it('a closed conversation does not stop the SMS', async () => {
    const { d, sent, store } = deps();
    const failing = { ...d, postToConversation: async () => { throw new Error('gone'); } };
    expect(await sendNotice(failing, booking({ channel: 'directline', conversationId: 'c3' }), 'moved')).toEqual({ sms: 'queued', web: 'failed' });
    expect(sent).toHaveLength(1);
    await store.close();
  });
});
