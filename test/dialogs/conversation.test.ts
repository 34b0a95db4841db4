// The conversation as people live it, on both channels (botbuilder TestAdapter, fixed clock:
// Wednesday 2026-11-25 10:00 in Paris).
import { makeChat, PHONE, type Chat } from './harness';
import { MemoryStore } from '../../src/store/memory';
import { REF_CODE_PATTERN } from '../../src/booking/refcode';
import { fitsOneSegment } from '../../src/sms-text/fit';

const joined = (r: string[]) => r.join('\n');
const REF = new RegExp(`(${REF_CODE_PATTERN})`);

async function bookSelfBySms(chat: Chat): Promise<string> {
  await chat.send('bjr jai besoin daide pour la caf');
  await chat.send('44800');
  await chat.send('lundi aprem');
  await chat.send('1');
  await chat.send('Jeanne Martin');
  const r = await chat.send('oui');
  const ref = REF.exec(joined(r))?.[1];
  if (!ref) throw new Error(`no reference in ${joined(r)}`);
  return ref;
}

describe('several facts in one message', () => {
  it('never asks again what was already said', async () => {
    const chat = makeChat({ channel: 'webchat' });
    const r = await chat.sendRaw('rdv caf mardi aprem à Rezé pour ma mère');
    const text = r.map((a) => a.text).join('\n');
    expect(text).toMatch(/rendez-vous possibles/);
    expect(text).toMatch(/1 mar\. 1er déc\. 1\d h/);
    expect(text).not.toMatch(/commune|Quand|démarche/);
    // Web: the same choices as buttons, and a card for the site.
    const msg = r.find((a) => a.suggestedActions)!;
    expect(msg.suggestedActions!.actions.map((a) => a.value)).toEqual(['1', '2', '3']);
    expect(msg.attachments?.[0].content.title).toMatch(/Rezé/);
  });
});

describe('booking for someone else on the web', () => {
  it('asks the name, mobile number and consent of the person, then books pending', async () => {
    const chat = makeChat({ channel: 'webchat' });
    expect(joined(await chat.send('Bonjour, ma mère a 82 ans et ne sait pas utiliser internet'))).toMatch(/démarche aider la personne/);
    expect(joined(await chat.send('7'))).toMatch(/habite la personne/);
    expect(joined(await chat.send('elle habite a st herblain'))).toMatch(/la personne est-elle libre/);
    expect(joined(await chat.send('le plus tôt possible'))).toMatch(/\n1 /);
    expect(joined(await chat.send('2'))).toMatch(/nom et le prénom de la personne/);
    expect(joined(await chat.send('Paulette Durand'))).toMatch(/portable de la personne/);
    expect(joined(await chat.send('02 40 12 34 56'))).toMatch(/fixe/);
    expect(joined(await chat.send('06.98.76.54.32'))).toMatch(/d'accord pour recevoir des SMS/);
    expect(joined(await chat.send('oui'))).toMatch(/Paulette Durand/);
    const r = joined(await chat.send('oui'));
    expect(r).toMatch(/Paulette Durand recevra un SMS/);
    const booking = await chat.store.bookings.get(REF.exec(r)![1]);
    expect(booking).toMatchObject({
      status: 'pending', topic: 'smartphone', requestedBy: 'relative', channel: 'webchat', smsConsent: true,
      beneficiary: { name: 'Paulette Durand', phone: '+33698765432' }, conversationId: 'conv-web-user-1',
    });
  });
});

describe('home visit', () => {
  it('books a volunteer who comes home when the person cannot travel', async () => {
    const chat = makeChat({ channel: 'sms' });
    expect(joined(await chat.send("j'ai besoin d'aide pour mon portable mais je ne peux pas me déplacer"))).toMatch(/venir chez vous/);
    expect(joined(await chat.send('Carquefou'))).toMatch(/autre jour/);
    const props = joined(await chat.send('dès que possible'));
    expect(props).toMatch(/à domicile avec [A-Z]/);
    // The volunteer goes there: the street address, checked against the commune.
    expect(joined(await chat.send('1'))).toMatch(/Quelle est votre adresse à Carquefou/);
    expect(joined(await chat.send('Jeanne Martin'))).toMatch(/pas compris l'adresse/);
    expect(joined(await chat.send('3 rue Jean Jaurès, 44000 Nantes'))).toMatch(/Cette adresse est à Nantes, mais le rendez-vous est prévu à Carquefou/);
    expect(joined(await chat.send('12 rue des Lilas'))).toMatch(/nom et votre prénom/);
    expect(joined(await chat.send('Jeanne Martin'))).toMatch(/chez vous, 12 rue des Lilas(, 44470 Carquefou)?, pour Jeanne Martin, portable finissant par \d\d \d\d/);
    const r = joined(await chat.send('oui'));
    const booking = await chat.store.bookings.get(REF.exec(r)![1]);
    expect(booking).toMatchObject({ mode: 'home', commune: { insee: '44026', name: 'Carquefou' }, territory: '44', homeAddress: { line: '12 rue des Lilas', postcode: '44470', commune: 'Carquefou' } });
  });
});

describe('nothing free in the window', () => {
  it('says so and offers the closest alternatives (Christmas is a public holiday)', async () => {
    const chat = makeChat({ channel: 'sms' });
    await chat.send("besoin d'aide pour mes impots");
    await chat.send('44800');
    const r = joined(await chat.send('le 25 décembre'));
    expect(r).toMatch(/Rien de libre à ce moment-là/);
    // On SMS, as many of the closest as fit one segment with the question (at least one).
    expect(r).toMatch(/\n1 /);
    expect(fitsOneSegment(r)).toBe(true);
    expect(r).not.toMatch(/25 déc/);
  });
});

describe('out of the served territories', () => {
  it('says so kindly, gives a national alternative and books nothing', async () => {
    const chat = makeChat({ channel: 'sms' });
    const r = joined(await chat.send("bonjour je voudrais de l'aide pour la caf, j'habite à Lyon"));
    expect(r).toMatch(/pas encore présents/);
    expect(r).toMatch(/France services/);
    expect((await chat.store.bookings.byPhone(PHONE))).toHaveLength(0);
  });
});

describe('status and cancel', () => {
  it('lists the upcoming booking, then cancels it after a yes and frees the slot', async () => {
    const chat = makeChat({ channel: 'sms' });
    const ref = await bookSelfBySms(chat);
    const status = joined(await chat.send("c'est quand mon rdv ?"));
    expect(status).toMatch(/lundi 30 novembre à 14 h/);
    expect(status).toContain(ref);
    expect(joined(await chat.send('ANNULER'))).toMatch(/Voulez-vous annuler votre rendez-vous du lundi 30 novembre à 14 h/);
    expect(joined(await chat.send('oui'))).toMatch(/est annulé/);
    const booking = await chat.store.bookings.get(ref);
    expect(booking?.status).toBe('cancelled');
    const slot = { id: booking!.slotId, volunteerId: booking!.volunteerId, siteId: booking!.siteId, territory: booking!.territory, start: booking!.start, end: booking!.end, startsAt: booking!.startsAt, mode: booking!.mode };
    expect((await chat.store.bookings.hold(slot, 1000)).ok).toBe(true);
  });

  it('keeps the booking when the answer is no, and speaks French to an en-US client', async () => {
    const chat = makeChat({ channel: 'webchat' });
    await chat.send('rdv caf mardi aprem à Rezé');
    expect(joined(await chat.send('pour moi'))).toMatch(/\n1 /);
    await chat.send('1');
    await chat.send('Jeanne Martin');
    await chat.send('0612345678');
    await chat.send('oui');
    const ref = REF.exec(joined(await chat.send('oui')))![1];
    const ask = joined(await chat.send('je veux annuler mon rendez-vous', { locale: 'en-US' }));
    expect(ask).not.toMatch(/\(1\)|Yes|No\b/);
    expect(joined(await chat.send('non'))).toMatch(/gardé/);
    expect((await chat.store.bookings.get(ref))?.status).toBe('pending');
  });

  it('ANNULER in the middle of a request drops it and frees the held slot', async () => {
    const store = new MemoryStore();
    const chat = makeChat({ channel: 'sms', store });
    await chat.send("j'ai besoin d'un rdv caf lundi aprem à Saint-Herblain");
    await chat.send('1'); // holds the slot
    expect(joined(await chat.send('annuler'))).toMatch(/demande est annulée/);
    // Someone else can now take the same first proposal.
    const other = makeChat({ channel: 'sms', store, from: '+33687654321' });
    await other.send("j'ai besoin d'un rdv caf lundi aprem à Saint-Herblain");
    expect(joined(await other.send('1'))).toMatch(/nom/);
  });
});

describe('a slot taken meanwhile', () => {
  it('tells the second person politely and proposes again', async () => {
    const store = new MemoryStore();
    const a = makeChat({ channel: 'sms', store, from: '+33611111111' });
    const b = makeChat({ channel: 'sms', store, from: '+33622222222' });
    await a.send("j'ai besoin d'un rdv caf lundi aprem à Saint-Herblain");
    await b.send("j'ai besoin d'un rdv caf lundi aprem à Saint-Herblain");
    await a.send('1');
    const r = joined(await b.send('1'));
    expect(r).toMatch(/vient d'.tre pris/);
    expect(r).toMatch(/\n1 /);
  });
});

describe('global commands', () => {
  it('STOP opts out: nothing is sent until START', async () => {
    const chat = makeChat({ channel: 'sms' });
    expect(joined(await chat.send('STOP'))).toMatch(/ne recevrez plus/);
    expect(await chat.store.counters.isOptedOut(PHONE)).toBe(true);
    expect(await chat.send('bonjour')).toEqual([]);
    expect(joined(await chat.send('START'))).toMatch(/de nouveau/);
    expect(await chat.store.counters.isOptedOut(PHONE)).toBe(false);
  });

  it('AIDE shows the numbered menu and 1 resumes the request where it was', async () => {
    const chat = makeChat({ channel: 'sms' });
    await chat.send("j'ai besoin d'aide pour les impots");
    await chat.send('44800');
    const menu = joined(await chat.send('AIDE'));
    expect(menu).toMatch(/1 Reprendre ma demande\n2 Voir mon rendez-vous\n3 Annuler un rendez-vous\n4 Parler à quelqu'un/);
    expect(joined(await chat.send('1'))).toMatch(/autre jour/);
  });

  it('"parler à quelqu\'un" gives the helpline of the territory', async () => {
    const chat = makeChat({ channel: 'sms' });
    await chat.send("j'ai besoin d'aide pour les impots");
    await chat.send('95100');
    expect(joined(await chat.send("je veux parler a quelqu'un"))).toMatch(/01 34 00 00 95/);
  });

  it('after 2 misunderstandings offers the menu, after 3 the helpline', async () => {
    const chat = makeChat({ channel: 'sms' });
    await chat.send("j'ai un souci avec la caf");
    expect(joined(await chat.send('xqzw'))).toMatch(/code postal/);
    const second = joined(await chat.send('xqzw'));
    expect(second).toMatch(/désolé/);
    expect(second).toMatch(/\n1 Reprendre ma demande/);
    expect(joined(await chat.send('1'))).toMatch(/commune/);
    expect(joined(await chat.send('xqzw'))).toMatch(/Appelez le \d{2} \d{2}/);
  });

  it('never keeps a password or a social security number', async () => {
    const store = new MemoryStore();
    const chat = makeChat({ channel: 'sms', store });
    await chat.send('rdv caf');
    expect(joined(await chat.send("mon mot de passe c'est Soleil123"))).toMatch(/jamais de mot de passe/);
    expect(joined(await chat.send('1 85 05 78 006 084 36'))).toMatch(/jamais de mot de passe/);
    const docs = await store.documents.read([`state:sms/conversations/${PHONE}/`]);
    const saved = JSON.stringify(docs);
    expect(saved).not.toMatch(/Soleil123|8505/);
    expect(saved).toMatch(/caf/); // the request itself goes on
  });
});

describe('a weekday that contradicts the date', () => {
  it('asks which one was meant, with both readings', async () => {
    const chat = makeChat({ channel: 'sms' });
    await chat.send("j'ai besoin d'aide pour mes impots");
    await chat.send('44800');
    const ask = joined(await chat.send('lundi 1er décembre'));
    expect(ask).toMatch(/Laquelle/);
    expect(ask).toMatch(/1 mardi 1er décembre\n2 lundi 30 novembre/);
    expect(joined(await chat.send('2'))).toMatch(/1 lun\. 30 nov\./);
  });
});

describe('SUPPRIMER', () => {
  it('after a yes, cancels upcoming bookings, erases name and number, and leaves an audit line', async () => {
    const chat = makeChat({ channel: 'sms' });
    const ref = await bookSelfBySms(chat);
    expect(joined(await chat.send('SUPPRIMER'))).toMatch(/effacer votre nom et votre numéro/);
    expect(joined(await chat.send('oui'))).toMatch(/données sont effacées et votre rendez-vous est annulé/);
    const booking = await chat.store.bookings.get(ref);
    expect(booking?.status).toBe('cancelled');
    expect(JSON.stringify(booking)).not.toMatch(/Jeanne|612345678/);
    expect(await chat.store.bookings.byPhone(PHONE)).toEqual([]);
    const audit = (await chat.store.logs.read(`audit:booking:${ref}`, 0)).map((l) => JSON.parse(l));
    expect(audit).toEqual([expect.objectContaining({ action: 'cancel', actor: { kind: 'beneficiary' }, reason: expect.stringMatching(/effacées/) })]);
  });

  it('keeps everything after a no', async () => {
    const chat = makeChat({ channel: 'sms' });
    const ref = await bookSelfBySms(chat);
    await chat.send('supprimer');
    expect(joined(await chat.send('non'))).toMatch(/rien n'est effacé/);
    expect((await chat.store.bookings.get(ref))?.beneficiary.name).toBe('Jeanne Martin');
  });
});

describe('a cancellation by the person', () => {
  it('is written to the booking audit trail for coordinators', async () => {
    const chat = makeChat({ channel: 'sms' });
    const ref = await bookSelfBySms(chat);
    await chat.send('annuler');
    await chat.send('oui');
    const audit = (await chat.store.logs.read(`audit:booking:${ref}`, 0)).map((l) => JSON.parse(l));
    expect(audit).toEqual([expect.objectContaining({ action: 'cancel', actor: { kind: 'beneficiary' }, before: expect.objectContaining({ status: 'pending' }), after: expect.objectContaining({ status: 'cancelled' }) })]);
  });
});
