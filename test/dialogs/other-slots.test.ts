// "aucun ne me va", "vous avez autre chose ?" at the proposals: the next ones, never the same
// twice, and after the last a clear way on (issue 20).
import { makeChat } from './harness';
import { REF_CODE_PATTERN } from '../../src/booking/refcode';
import { t } from '../../src/i18n';
import { matchProposal } from '../../src/conversation/proposal-reply';

const joined = (r: string[]) => r.join('\n');
/** The numbered lines of a proposals message. */
const lines = (r: string[]) => joined(r).split('\n').filter((l) => /^\d /.test(l)).map((l) => l.slice(2));

describe('the words for "none of these"', () => {
  const shown = [{ start: '2026-11-30T14:00', placeWords: 'Médiathèque Rezé' }];
  const now = new Date('2026-11-25T09:00:00Z');
  it.each(['aucun', 'aucun ne me va', 'Aucune ne me convient', 'rien ne me va', 'ça ne me va pas', 'vous avez autre chose ?', "d'autres ?", 'ni l\'un ni l\'autre'])('%s → more', (text) => {
    expect(matchProposal(text, shown, now)).toEqual({ kind: 'more' });
  });
  it('a named day is a new day, not "more"', () => {
    expect(matchProposal('aucun, plutôt jeudi', shown, now).kind).not.toBe('more');
  });
});

describe.each(['sms', 'webchat'] as const)('other proposals (%s)', (channel) => {
  it('"aucun ne me va" → new proposals → booked', async () => {
    const chat = makeChat({ channel });
    await chat.send('bjr jai besoin daide pour la caf');
    await chat.send('44800');
    const first = lines(await chat.send('lundi aprem'));
    expect(first.length).toBeGreaterThan(0);
    const second = lines(await chat.send('aucun ne me va'));
    expect(second.length).toBeGreaterThan(0);
    for (const l of second) expect(first).not.toContain(l);
    expect(joined(await chat.send('1'))).toMatch(channel === 'sms' ? /nom et votre prénom/ : /nom et votre prénom|pour vous ou pour un proche/);
    let r = joined(await chat.send('Jeanne Martin'));
    if (channel === 'webchat') {
      await chat.send('06 98 76 54 32');
      r = joined(await chat.send('oui'));
    }
    expect(r).toMatch(/récapitule/);
    const ref = new RegExp(`(${REF_CODE_PATTERN})`).exec(joined(await chat.send('oui')))?.[1];
    const booking = await chat.store.bookings.get(ref!);
    expect(booking?.status).toBe('pending');
    expect(booking?.start.startsWith('2026-11-30T1')).toBe(true);
  });

  it('never shows one twice, and after the last says so and takes another day', async () => {
    const chat = makeChat({ channel });
    const seen = lines(await chat.send("j'ai besoin d'aide pour la caf mardi 1er décembre après-midi, j'habite à Rezé"));
    const firstCount = seen.length;
    expect(firstCount).toBeGreaterThan(0);
    let r: string[] = [];
    for (let i = 0; i < 30; i++) {
      r = await chat.send(i % 2 ? 'vous avez autre chose ?' : 'aucun');
      const ls = lines(r);
      if (!ls.length) break;
      for (const l of ls) expect(seen).not.toContain(l);
      seen.push(...ls);
    }
    expect(joined(r)).toContain(t('ask.noMore'));
    expect(seen.length).toBeGreaterThan(firstCount);
    for (const l of seen) expect(l).toMatch(/1er déc\./);
    // "aucun" once more is not the commune Aucun (Hautes-Pyrénées): the place stays.
    expect(joined(await chat.send('aucun'))).not.toMatch(/Hautes-Pyrénées|pas encore présents/);
    // Another day.
    expect(lines(await chat.send('jeudi'))[0]).toMatch(/^jeu\. 26 nov\./);
  });
});
