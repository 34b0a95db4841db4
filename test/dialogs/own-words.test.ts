// Replies in people's own words at every step, on both channels (issue 10): choosing a
// proposal by position, time, place or day; other proposals relative to those shown; side
// questions answered then the question asked again; "non" followed by a request; corrections;
// a relative booking by SMS; names with particles; the menu path keeping the held slot;
// "Répondez 1 pour en prendre un"; out of area then a served commune.
import { makeChat, PHONE, type Chat } from './harness';
import { REF_CODE_PATTERN } from '../../src/booking/refcode';
import type { Booking } from '../../src/booking/model';

const joined = (r: string[]) => r.join('\n');
const REF = new RegExp(`(${REF_CODE_PATTERN})`);
const WEB_PHONE = '+33698765432';
const channels = ['sms', 'webchat'] as const;

/** Proposal lines ("1 lun. 30 nov. 14 h, CCAS de Saint-Herblain") of a reply. */
const proposalLines = (r: string[]) => joined(r).split('\n').filter((l) => /^\d /.test(l));

/** Answers name, phone and consent as they come, until the recap; returns the recap text. */
async function untilRecap(chat: Chat, first: string[], name = 'Jeanne Martin', phone = '06 98 76 54 32'): Promise<string> {
  let r = first;
  for (let i = 0; i < 5; i++) {
    const text = joined(r);
    if (/récapitule/.test(text)) return text;
    if (/nom et (votre |le )?prénom/.test(text)) r = await chat.send(name);
    else if (/numéro de portable/.test(text)) r = await chat.send(phone);
    else if (/d'accord pour recevoir/.test(text)) r = await chat.send('oui');
    else throw new Error(`unexpected question: ${text}`);
  }
  throw new Error('no recap');
}

async function bookingOf(chat: Chat, r: string[], phone: string): Promise<Booking> {
  const ref = REF.exec(joined(r))?.[1];
  if (!ref) throw new Error(`no reference in ${joined(r)}`);
  const b = (await chat.store.bookings.byPhone(phone)).find((x) => x.ref === ref);
  if (!b) throw new Error('booking not stored');
  return b;
}

const ownPhone = (ch: (typeof channels)[number]) => (ch === 'sms' ? PHONE : WEB_PHONE);
/** The proposals shown: all three on the web; on SMS, as many as fit one segment with the question (two here). */
const shownCount = (ch: (typeof channels)[number]) => (ch === 'sms' ? 2 : 3);

describe.each(channels)('choosing a proposal in words (%s)', (channel) => {
  async function mondayProposals(chat: Chat): Promise<string[]> {
    await chat.send('bjr jai besoin daide pour la caf');
    await chat.send('44800');
    const r = await chat.send('lundi');
    expect(proposalLines(r)).toHaveLength(shownCount(channel));
    return r;
  }

  it('"le rendez-vous de 9 h 30" takes that proposal, never another slot', async () => {
    const chat = makeChat({ channel });
    const shown = proposalLines(await mondayProposals(chat));
    const line = shown.find((l) => / 9 h 30,/.test(l))!;
    expect(line).toBeDefined();
    const recap = await untilRecap(chat, await chat.send('je prends le rendez-vous de 9 h 30'));
    // On SMS the recap is one segment: the short date.
    expect(recap).toMatch(/lundi 30 novembre à 9 h 30|lun\. 30 nov\. 9 h 30/);
    const b = await bookingOf(chat, await chat.send('oui'), ownPhone(channel));
    expect(b.start).toBe('2026-11-30T09:30');
  });

  it('by position ("la dernière") and by place ("plutôt celle de Rezé")', async () => {
    const chat = makeChat({ channel });
    const shown = proposalLines(await mondayProposals(chat));
    const last = shown[shown.length - 1]!.replace(/^\d /, '');
    const recap = await untilRecap(chat, await chat.send('la derniere'));
    expect(recap).toContain(last.split(', ').slice(1).join(', '));

    const other = makeChat({ channel });
    await mondayProposals(other);
    const recap2 = await untilRecap(other, await other.send('plutot celle de Reze'));
    expect(recap2).toMatch(/Rezé/);
  });

  it('"à 14 h" when two proposals are at 14 h: shows just those two, books nothing', async () => {
    const chat = makeChat({ channel });
    await mondayProposals(chat);
    if (channel === 'sms') {
      // Only one of them was shown (one segment): "à 14 h" names it, the recap follows.
      expect(await untilRecap(chat, await chat.send('a 14h'))).toMatch(/lun\. 30 nov\. 14 h/);
      expect(await chat.store.bookings.byPhone(ownPhone(channel))).toHaveLength(0);
      return;
    }
    const r = await chat.send('a 14h');
    const lines = proposalLines(r);
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => / 14 h,/.test(l))).toBe(true);
    expect(await chat.store.bookings.byPhone(ownPhone(channel))).toHaveLength(0);
  });

  it('by day ("jeudi ça m\'arrange") among proposals on several days', async () => {
    const chat = makeChat({ channel });
    await chat.send("bonjour il me faut de l'aide pour mes impots");
    await chat.send('reze');
    const r = await chat.send('des que possible');
    const thursday = proposalLines(r).filter((l) => /jeu\. 26 nov\./.test(l));
    expect(thursday).toHaveLength(1);
    const recap = await untilRecap(chat, await chat.send("jeudi ca m'arrange"));
    expect(recap).toMatch(/jeudi 26 novembre|jeu\. 26 nov\./);
  });
});

describe.each(channels)('other proposals relative to those shown (%s)', (channel) => {
  const starts = (lines: string[]) => lines.map((l) => /^\d (\S+ \S+ \S+)/.exec(l)?.[1]);

  it('"plus tard", "un autre jour", "la semaine d\'après", "plutôt l\'après-midi"', async () => {
    const chat = makeChat({ channel });
    await chat.send("bonjour il me faut de l'aide pour mes impots");
    await chat.send('reze');
    const first = proposalLines(await chat.send('des que possible'));
    expect(first.length).toBeGreaterThan(0);
    const later = proposalLines(await chat.send('c\'est trop tot, plus tard'));
    expect(later.length).toBeGreaterThan(0);
    expect(later).not.toEqual(first);
    const otherDay = proposalLines(await chat.send('un autre jour'));
    const laterDays = new Set(starts(later));
    expect(starts(otherDay).some((d) => laterDays.has(d))).toBe(false);
    const nextWeek = proposalLines(await chat.send("la semaine d'apres"));
    expect(nextWeek.length).toBeGreaterThan(0);
    const afternoon = proposalLines(await chat.send("plutot l'apres midi"));
    expect(afternoon.every((l) => / 1[2-7] h/.test(l))).toBe(true);
    expect(await chat.store.bookings.byPhone(ownPhone(channel))).toHaveLength(0);
  });

  it('"vous n\'avez rien avant ?" searches before the first proposal', async () => {
    const chat = makeChat({ channel });
    await chat.send('bjr jai besoin daide pour la caf');
    await chat.send('44800');
    await chat.send('la semaine prochaine');
    const r = joined(await chat.send("vous n'avez rien avant ?"));
    expect(r).toMatch(/(mer\. 25|jeu\. 26|ven\. 27|sam\. 28) nov\./);
    expect(r).not.toMatch(/Quand/);
  });
});

describe.each(channels)('questions at any step (%s)', (channel) => {
  it('price, address and volunteer are answered, then the pending question is asked again', async () => {
    const chat = makeChat({ channel });
    await chat.send('bjr jai besoin daide pour la caf');
    let r = joined(await chat.send("c'est combien ?"));
    expect(r).toMatch(/gratuit/);
    expect(r).toMatch(/commune/);
    await chat.send('44800');
    await chat.send('lundi');
    r = joined(await chat.send('ca se trouve ou ?'));
    expect(r).toMatch(/CCAS de Saint-Herblain : .*44800 Saint-Herblain/);
    expect(proposalLines(r.split('\n'))).toHaveLength(shownCount(channel));
    const recap = await untilRecap(chat, await chat.send('1'));
    expect(recap).toMatch(/récapitule/);
    r = joined(await chat.send("c'est qui qui vient ?"));
    expect(r).toMatch(/aidé par [A-Z][a-zé]+, un jeune volontaire/);
    expect(r).toMatch(/récapitule/);
    expect(joined(await chat.send("c'est gratuit ?"))).toMatch(/gratuit[\s\S]*récapitule/);
  });
});

describe.each(channels)('"non" followed by a request, corrections (%s)', (channel) => {
  async function toRecap(chat: Chat): Promise<void> {
    await chat.send('bjr jai besoin daide pour la caf');
    await chat.send('44800');
    await chat.send('lundi aprem');
    await untilRecap(chat, await chat.send('1'));
  }

  it('"non, mettez jeudi à la place" at the recap changes only the day', async () => {
    const chat = makeChat({ channel });
    await toRecap(chat);
    const r = await chat.send('non, mettez jeudi a la place');
    const lines = proposalLines(r);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => /jeu\. 26 nov\./.test(l))).toBe(true);
    // Name and phone are kept: choosing goes straight back to the recap.
    const recap = joined(await chat.send('1'));
    expect(recap).toMatch(/récapitule.*(jeudi 26 novembre|jeu\. 26 nov\.).*Jeanne Martin/);
  });

  it('"non en fait c\'est pour ma mère" at the recap asks for the mother\'s name and number', async () => {
    const chat = makeChat({ channel });
    await toRecap(chat);
    const r = joined(await chat.send("non en fait c'est pour ma mere, elle a besoin pour la caf"));
    expect(r).toMatch(/nom et (le )?prénom de la personne/);
    const recap = await untilRecap(chat, [r], 'Odette Martin', '06 55 44 33 22');
    expect(recap).toMatch(/pour Odette Martin/);
    const b = await bookingOf(chat, await chat.send('oui'), '+33655443322');
    expect(b).toMatchObject({ requestedBy: 'relative', beneficiary: { name: 'Odette Martin', phone: '+33655443322' } });
  });
});

describe.each(channels)('a relative books (%s)', (channel) => {
  it('"je suis la fille de Mme Le Corre": the beneficiary\'s name as written, mobile and consent; she gets the SMS', async () => {
    const chat = makeChat({ channel });
    let r = joined(await chat.send("bonjour je suis la fille de Mme Le Corre, elle a besoin d'aide pour les impots"));
    expect(r).toMatch(/habite la personne/);
    await chat.send('reze');
    await chat.send('des que possible');
    r = joined(await chat.send('1'));
    expect(r).toMatch(/nom et (le )?prénom de la personne/);
    r = joined(await chat.send('Yvonne Le Corre'));
    expect(r).toMatch(/portable de la personne/);
    r = joined(await chat.send('06 11 22 33 44'));
    expect(r).toMatch(/La personne est-elle d'accord/);
    r = joined(await chat.send('oui'));
    expect(r).toMatch(/pour Yvonne Le Corre/);
    const b = await bookingOf(chat, await chat.send('oui'), '+33611223344');
    expect(b).toMatchObject({ requestedBy: 'relative', smsConsent: true, beneficiary: { name: 'Yvonne Le Corre', phone: '+33611223344' } });
    if (channel === 'sms') expect(await chat.store.bookings.byPhone(PHONE)).toHaveLength(0);
  });
});

describe.each(channels)('the menu path (%s)', (channel) => {
  it('AIDE → "Reprendre ma demande" resumes with the chosen slot still held', async () => {
    const chat = makeChat({ channel });
    await chat.send('bjr jai besoin daide pour la caf');
    await chat.send('44800');
    await chat.send('lundi aprem');
    const before = joined(await chat.send('1'));
    expect(before).toMatch(/nom/);
    expect(joined(await chat.send('AIDE'))).toMatch(/1 Reprendre ma demande/);
    const resumed = joined(await chat.send('1'));
    expect(resumed).toMatch(/nom et (votre |le )?prénom/);
    expect(resumed).not.toMatch(/dépassé|rendez-vous possibles/);
    const recap = await untilRecap(chat, await chat.send('Jeanne Martin'));
    expect(recap).toMatch(/lundi 30 novembre à 14 h|lun\. 30 nov\. 14 h/);
    const r = await chat.send('oui');
    expect(joined(r)).not.toMatch(/dépassé/);
    expect((await bookingOf(chat, r, ownPhone(channel))).start).toBe('2026-11-30T14:00');
  });

  it('"Répondez 1 pour en prendre un" → "1" starts a booking', async () => {
    const chat = makeChat({ channel });
    expect(joined(await chat.send("c'est quand mon rdv ?"))).toMatch(/Répondez 1 pour en prendre un/);
    expect(joined(await chat.send('1'))).toMatch(/Pour quelle démarche/);
  });
});

describe.each(channels)('out of area, then a served commune (%s)', (channel) => {
  it('says which commune and département were understood and continues the request', async () => {
    const chat = makeChat({ channel });
    const r = joined(await chat.send("bonjour je voudrais de l'aide pour la caf, j'habite a Melun"));
    expect(r).toMatch(/Melun \(Seine-et-Marne\)/);
    expect(r).toMatch(/France services/);
    expect(joined(await chat.send('pardon je suis a 44800'))).toMatch(channel === 'sms' ? /autre jour/ : /Quand/);
  });
});

describe.each(channels)('status and cancel in any words (%s)', (channel) => {
  it('right after a booking: "je passe à quelle heure déjà ?" then "finalement je ne viendrai pas"', async () => {
    const chat = makeChat({ channel });
    await chat.send('bjr jai besoin daide pour la caf');
    await chat.send('44800');
    await chat.send('lundi aprem');
    await untilRecap(chat, await chat.send('1'));
    const ref = REF.exec(joined(await chat.send('oui')))?.[1];
    expect(ref).toBeDefined();
    expect(joined(await chat.send('je passe a quelle heure deja ?'))).toMatch(/lundi 30 novembre à 14 h/);
    expect(joined(await chat.send('finalement je ne viendrai pas'))).toMatch(/annuler votre rendez-vous/);
  });
});

describe.each(channels)('status asked in the middle of a new request (%s)', (channel) => {
  it('answers with the bookings, then asks the pending question again', async () => {
    const chat = makeChat({ channel });
    await chat.send('bjr jai besoin daide pour la caf');
    await chat.send('44800');
    await chat.send('lundi aprem');
    await untilRecap(chat, await chat.send('1'));
    await chat.send('oui');
    await chat.send("j'ai besoin d'aide pour mes impots aussi");
    const r = joined(await chat.send("c'est toujours bon pour lundi mon rendez-vous ?"));
    expect(r).toMatch(/lundi 30 novembre à 14 h/);
    expect(r).toMatch(/commune/);
  });
});
