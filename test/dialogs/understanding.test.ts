// Issue 19 behaviours of the whole bot: opting out in any words, who the appointment is for,
// and narrative time words (fixed clock: Wednesday 2026-11-25 10:00 in Paris).
import { makeChat, PHONE } from './harness';
import { REF_CODE_PATTERN } from '../../src/booking/refcode';
import { t } from '../../src/i18n';

const joined = (r: string[]) => r.join('\n');

describe('opting out in any words', () => {
  it('"Stop svp" in the middle of a booking stops it, says how to start again, and the bot is silent after', async () => {
    const chat = makeChat({ channel: 'sms' });
    expect(joined(await chat.send("bjr j'ai besoin d'aide pour la caf"))).toMatch(/commune/);
    expect(joined(await chat.send('44800'))).toMatch(/autre jour/);
    const r = joined(await chat.send('Stop svp'));
    expect(r).toBe(t('global.stop'));
    expect(r).toMatch(/START/);
    expect(await chat.store.counters.isOptedOut(PHONE)).toBe(true);
    expect(await chat.send('lundi aprem')).toEqual([]);
    expect(await chat.send('bonjour ?')).toEqual([]);
    expect(joined(await chat.send('START'))).toMatch(/de nouveau/);
  });

  it('a doubtful one is asked about: OUI opts out', async () => {
    const chat = makeChat({ channel: 'sms' });
    expect(joined(await chat.send('vous vous êtes trompé de numéro'))).toBe(t('optout.ask'));
    expect(joined(await chat.send('oui'))).toBe(t('global.stop'));
    expect(await chat.store.counters.isOptedOut(PHONE)).toBe(true);
  });

  it('a doubtful one is asked about: NON goes back to the question pending', async () => {
    const chat = makeChat({ channel: 'sms' });
    await chat.send("j'ai besoin d'aide pour mes impots");
    const where = joined(await chat.send('ça suffit'));
    expect(where).toBe(t('optout.ask'));
    const r = joined(await chat.send('non'));
    expect(r).toMatch(/Reprenons/);
    expect(r).toMatch(/commune/);
    expect(await chat.store.counters.isOptedOut(PHONE)).toBe(false);
    expect(joined(await chat.send('44800'))).toMatch(/autre jour/);
  });
});

describe('narrative time words are no date', () => {
  it('a dictated message with "maintenant" goes straight to proposals for the day it names', async () => {
    const chat = makeChat({ channel: 'sms' });
    // Dictated, one long sentence: the day first, then the story ("maintenant" was read as today).
    const r = joined(await chat.send("bonjour je suis libre jeudi matin j'habite à Rezé avant c'était mon mari qui faisait les papiers mais maintenant il paraît qu'il faut tout faire en ligne pour la caf"));
    expect(r).toMatch(/rendez-vous possibles?\./);
    expect(r).toMatch(/jeu\. 26 nov\./);
    expect(r).not.toMatch(/sûr de la date|Quand/);
  });

  // On the web: SMS shows the soonest proposals instead of asking when (src/conversation/form.ts).
  it('with no day at all, "maintenant" in a story is not today: the bot asks when', async () => {
    const chat = makeChat({ channel: 'webchat' });
    const r = joined(await chat.send("et maintenant il paraît qu'il faut tout faire en ligne pour la caf, je suis à Rezé"));
    expect(r).toMatch(/Quand/);
    expect(r).not.toMatch(/sûr de la date|rendez-vous possibles?\./);
  });
});

describe('an exclusion the slot search can use', () => {
  it('"la semaine prochaine mais pas le matin": every proposal is an afternoon of that week', async () => {
    const hours = async (when: string) => {
      const r = joined(await makeChat({ channel: 'sms' }).send(`j'ai besoin d'aide pour la caf, j'habite à Rezé, ${when}`));
      return { r, hours: [...r.matchAll(/\b(\d{1,2}) h/g)].map((m) => Number(m[1])) };
    };
    // The same request without the exclusion is offered a morning.
    expect((await hours('la semaine prochaine')).hours.some((h) => h < 12)).toBe(true);
    const { r, hours: times } = await hours('la semaine prochaine mais pas le matin');
    expect(times.length).toBeGreaterThan(0);
    for (const h of times) expect(h).toBeGreaterThanOrEqual(12);
    expect(r).toMatch(/(lun|mar|mer|jeu|ven|sam)\. (30 nov|[1-6] déc|1er déc)/);
  });
});

describe('who the appointment is for', () => {
  it.each([
    'pour ma mère qui ne sait pas se servir de son téléphone',
    // The writer's own wish does not make it theirs (this was booked for the daughter).
    'je voudrais prendre rendez-vous pour ma mère qui ne sait pas se servir de son téléphone',
  ])('a web relative "%s" books the mother, the writer stays the requester', async (first) => {
    const chat = makeChat({ channel: 'webchat' });
    expect(joined(await chat.send(first))).toMatch(/habite la personne/);
    expect(joined(await chat.send('elle habite à Rezé'))).toMatch(/la personne est-elle libre/);
    expect(joined(await chat.send('le plus tôt possible'))).toMatch(/\n1 /);
    expect(joined(await chat.send('1'))).toMatch(/nom et le prénom de la personne/);
    expect(joined(await chat.send('Odette Martin'))).toMatch(/portable de la personne/);
    expect(joined(await chat.send('06 11 22 33 44'))).toMatch(/d'accord pour recevoir des SMS/);
    expect(joined(await chat.send('oui'))).toMatch(/Odette Martin/);
    const r = joined(await chat.send('oui'));
    const ref = new RegExp(`(${REF_CODE_PATTERN})`).exec(r)?.[1];
    expect(ref).toBeDefined();
    expect(await chat.store.bookings.get(ref!)).toMatchObject({
      topic: 'smartphone', requestedBy: 'relative', beneficiary: { name: 'Odette Martin', phone: '+33611223344' },
    });
  });
});
