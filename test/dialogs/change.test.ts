// Changing an appointment by SMS and on the web (issue 20): same reference, the old slot free,
// the new one taken, the move in the audit trail, refused inside CHANGE_MIN_HOURS; a workshop
// seat changes to another session of the same topic.
import { makeChat, NOW, PHONE, testCatalogue, type Chat } from './harness';
import { workshopWorld } from './workshop-world';
import type { Activity } from 'botbuilder';
import type { Booking } from '../../src/booking/model';
import { REF_CODE_PATTERN } from '../../src/booking/refcode';
import { AuditTrail } from '../../src/audit';
import { fitsOneSegment } from '../../src/sms-text/fit';
import { composeNotice } from '../../src/notices';

const joined = (r: string[]) => r.join('\n');
const REF = new RegExp(`(${REF_CODE_PATTERN})`);
const slotOf = (b: Booking) => ({ id: b.slotId, territory: b.territory }) as never;

/** A booking made in the conversation itself (lundi 30 novembre après-midi, CAF, Saint-Herblain). */
async function bookInChat(chat: Chat, web: boolean): Promise<Booking> {
  await chat.send('bjr jai besoin daide pour la caf');
  await chat.send('44800');
  await chat.send('lundi aprem');
  await chat.send('1');
  await chat.send('Jeanne Martin');
  if (web) { await chat.send('06 98 76 54 32'); await chat.send('oui'); }
  const ref = REF.exec(joined(await chat.send('oui')))?.[1];
  const b = ref ? await chat.store.bookings.get(ref) : null;
  if (!b) throw new Error('not booked');
  return b;
}

describe.each([['sms', false], ['webchat', true]] as const)('change to another day (%s)', (channel, web) => {
  it('same code, old slot free, new slot taken, audit entry, back to pending when it was confirmed', async () => {
    const moved: Array<{ after: Booking; toldHere: boolean }> = [];
    const chat = makeChat({ channel, person: { onMoved: async (_b, after, toldHere) => { moved.push({ after, toldHere }); } } });
    const before = await bookInChat(chat, web);
    await chat.store.bookings.transition(before.ref, ['pending'], 'confirmed');
    const props = joined(await chat.send('je voudrais changer mon rdv pour un autre jour'));
    expect(props).toMatch(/\n1 /);
    // Jeudi: a day of the proposals or a new search for it.
    let r = joined(await chat.send('plutôt jeudi'));
    if (!/devient/.test(r)) r = joined(await chat.send('1'));
    expect(r).toMatch(/Votre rendez-vous du lundi 30 novembre à 14 h devient jeudi 26 novembre à \d+ h/);
    expect(r).toMatch(/Il devra [eê]tre confirmé à nouveau/);
    if (channel === 'sms') expect(fitsOneSegment(r)).toBe(true);
    const done = joined(await chat.send('oui'));
    expect(done).toContain(before.ref);
    expect(done).toMatch(/ANNULER/);
    if (channel === 'sms') expect(fitsOneSegment(done)).toBe(true);

    const after = (await chat.store.bookings.get(before.ref))!;
    expect(after).toMatchObject({ ref: before.ref, status: 'pending', topic: 'caf', beneficiary: before.beneficiary });
    expect(after.start.startsWith('2026-11-26T')).toBe(true);
    expect(await chat.store.bookings.takenAmong([slotOf(before), slotOf(after)])).toEqual(new Set([after.slotId]));
    const audit = await new AuditTrail(chat.store.logs, 90, () => NOW.getTime()).read(before.ref);
    expect(audit.at(-1)).toMatchObject({
      action: 'reschedule', actor: { kind: 'beneficiary' }, reason: 'Déplacé par la personne',
      before: { status: 'confirmed', start: before.start }, after: { status: 'pending', start: after.start },
    });
    // One SMS for the move: by SMS the reply itself; on the web the notice to the beneficiary.
    expect(moved).toHaveLength(1);
    expect(moved[0]!.toldHere).toBe(!web);
    const sms = composeNotice(moved[0]!.after, 'changed', testCatalogue()).sms;
    expect(fitsOneSegment(sms)).toBe(true);
    expect(sms).toContain(before.ref);
    expect(sms).toMatch(/répondez ANNULER/);
    // "Mon rendez-vous": the one booking, at its new time.
    expect(joined(await chat.send('mon rdv est à quelle heure ?'))).toMatch(/jeu(\.|di) 26 nov/);
  });

  it('"décaler à vendredi" proposes that day; "non" keeps the appointment as it was', async () => {
    const chat = makeChat({ channel });
    const before = await bookInChat(chat, web);
    const props = joined(await chat.send('est-ce que je peux décaler à vendredi ?'));
    expect(props).toMatch(/\n1 ven\. 27 nov\./);
    expect(joined(await chat.send('1'))).toMatch(/devient vendredi 27 novembre/);
    expect(joined(await chat.send('non'))).toMatch(/ne change pas/);
    expect(await chat.store.bookings.get(before.ref)).toEqual(before);
    // The held slot was let go: only the booking's own slot is taken.
    const props2 = joined(await chat.send('je voudrais déplacer mon rendez-vous'));
    expect(props2).toMatch(/\n1 /);
  });

  it('is refused inside CHANGE_MIN_HOURS: the team\'s number, nothing moves', async () => {
    const chat = makeChat({ channel, person: { changeMinHours: 24 * 7 } });
    const before = await bookInChat(chat, web);
    const r = joined(await chat.send('je voudrais reporter mon rendez-vous'));
    expect(r).toMatch(/trop proche pour [eê]tre changé par message\. Appelez l'équipe au 02 40 00 00 44/);
    expect(await chat.store.bookings.get(before.ref)).toEqual(before);
    // The way on: a new request is read as one.
    expect(joined(await chat.send('je voudrais un rendez-vous pour ma retraite'))).toMatch(/Quand|commune/);
  });
});

it('a person with no appointment is offered a new one', async () => {
  const chat = makeChat({ channel: 'sms', from: '+33611112222' });
  expect(joined(await chat.send('je voudrais changer mon rendez-vous'))).toMatch(/pas de rendez-vous à venir\. Répondez 1 pour en prendre un/);
  expect(joined(await chat.send('1'))).toMatch(/démarche/);
});

it('with two appointments, asks which one', async () => {
  const chat = makeChat({ channel: 'sms' });
  await bookInChat(chat, false);
  const second = joined(await chat.send('rdv impots pour moi mardi 1er décembre matin à Saint-Herblain'));
  expect(second).toMatch(/\n1 /);
  await chat.send('1');
  await chat.send('Jeanne Martin');
  await chat.send('oui');
  expect(joined(await chat.send('je voudrais changer mon rdv'))).toMatch(/Quel rendez-vous voulez-vous changer \?\n1 lundi 30 novembre à 14 h\n2 mardi 1er décembre/);
  expect(joined(await chat.send('2'))).toMatch(/Votre rendez-vous est le mar\. 1er déc\.|Répondez avec un chiffre/);
});

it('on the web, which appointment to change or cancel is a choice of buttons, asked again with its buttons', async () => {
  const chat = makeChat({ channel: 'webchat' });
  await bookInChat(chat, true);
  await chat.send('rdv impots pour moi mardi 1er décembre matin à Saint-Herblain');
  await chat.send('1');
  await chat.send('Jeanne Martin');
  await chat.send('06 98 76 54 32');
  await chat.send('oui');
  expect(joined(await chat.send('oui'))).toMatch(REF);
  const titles = (a: Partial<Activity>[]) => a.flatMap((x) => x.suggestedActions?.actions ?? []).map((b) => b.title);
  const dates = ['1 lundi 30 novembre à 14 h', expect.stringMatching(/^2 mardi 1er décembre à /)];
  expect(titles(await chat.sendRaw('je voudrais changer mon rdv'))).toEqual(dates);
  expect(titles(await chat.sendRaw('bof'))).toEqual(dates);
  await chat.send('AIDE');
  expect(titles(await chat.sendRaw('annuler'))).toEqual(dates);
  expect(titles(await chat.sendRaw('bof'))).toEqual(dates);
});

describe.each(['sms', 'webchat'] as const)('changing a workshop seat (%s)', (channel) => {
  it('moves the seat to another session of the same topic, same reference', async () => {
    const { store, clock, service, session: make } = workshopWorld();
    const first = await make('2026-11-30T14:00');
    const second = await make('2026-12-07T14:00', 'saint-herblain-ccas');
    await make('2026-12-03T10:00', 'nantes-mediatheque-centre-ville', 'email');
    const chat = makeChat({ channel, store, clock, workshops: service, from: channel === 'sms' ? PHONE : 'web-seat' });
    // The seat, booked in the conversation (the web one knows its own references only).
    expect(joined(await chat.send('un atelier ordinateur pour moi à Nantes'))).toMatch(/\n1 lun\. 30 nov\./);
    await chat.send('1');
    await chat.send('Jeanne Martin');
    if (channel === 'webchat') await chat.send('06 98 76 54 32');
    const ref = REF.exec(joined(await chat.send('oui')))?.[1];
    expect((await store.bookings.get(ref!))?.workshopId).toBe(first.id);
    const seat = { booking: (await store.bookings.get(ref!))! };
    const r = joined(await chat.send("je voudrais changer de jour pour mon atelier"));
    expect(r).toMatch(/Autres séances de cet atelier/);
    expect(r).toMatch(/1 lun\. 7 déc\. 14 h, CCAS de Saint-Herblain/);
    expect(r).not.toMatch(/3 déc/); // another topic
    expect(joined(await chat.send('1'))).toMatch(/Votre rendez-vous du lundi 30 novembre à 14 h devient lundi 7 décembre à 14 h, au CCAS de Saint-Herblain\. C'est bon/);
    const done = joined(await chat.send('oui'));
    expect(done).toContain(seat.booking.ref);
    const after = (await store.bookings.get(seat.booking.ref))!;
    expect(after).toMatchObject({ workshopId: second.id, start: '2026-12-07T14:00', status: 'confirmed', kind: 'workshop' });
    expect((await store.workshops.getWorkshop(first.id))?.seatsTaken).toBe(0);
    expect((await store.workshops.getWorkshop(second.id))?.seatsTaken).toBe(1);
  });
});


it('a home visit moves to another home visit, its address kept', async () => {
  const chat = makeChat({ channel: 'sms' });
  for (const m of ["j'ai besoin d'aide pour mon portable mais je ne peux pas me déplacer", 'Carquefou', 'lundi', '1', '12 rue des Lilas', 'Jeanne Martin']) await chat.send(m);
  const ref = REF.exec(joined(await chat.send('oui')))![1]!;
  expect(joined(await chat.send('je voudrais changer mon rdv'))).toMatch(/\n1 .*à domicile avec /);
  expect(joined(await chat.send('1'))).toMatch(/devient/);
  expect(joined(await chat.send('oui'))).toMatch(new RegExp(`${ref} est le .*chez vous`));
  const after = (await chat.store.bookings.get(ref))!;
  expect(after).toMatchObject({ mode: 'home', homeAddress: { line: '12 rue des Lilas', commune: 'Carquefou' }, status: 'pending' });
  expect(after.start.startsWith('2026-11-30')).toBe(false);
});
