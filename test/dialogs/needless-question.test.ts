// A question is asked only when needed (issue 20): two readings of a date are offered only when
// both could be booked; a date of the past in a story is no wish of a date.
import { makeChat, NOW } from './harness';
import { sensibleReadings } from '../../src/conversation/when-choice';

const joined = (r: string[]) => r.join('\n');

describe('sensibleReadings', () => {
  it('keeps the readings that could be booked (not past, not beyond the bookable weeks)', () => {
    const past = { from: '2026-11-02T00:00', to: '2026-11-02T23:59' };
    const soon = { from: '2026-11-30T00:00', to: '2026-11-30T23:59' };
    const later = { from: '2026-12-02T00:00', to: '2026-12-02T23:59' };
    const far = { from: '2027-03-01T00:00', to: '2027-03-01T23:59' };
    expect(sensibleReadings([past, soon], NOW)).toEqual([soon]);
    expect(sensibleReadings([soon, later], NOW)).toEqual([soon, later]);
    expect(sensibleReadings([past, far], NOW)).toEqual([]);
  });
});

describe.each(['sms', 'webchat'] as const)('date questions (%s)', (channel) => {
  it('a past date in a story asks nothing about it', async () => {
    const chat = makeChat({ channel });
    await chat.send('bjr jai besoin daide pour la caf, pour moi');
    const r = joined(await chat.send("j'habite à Saint-Herblain, j'ai reçu un courrier le mardi 2 novembre"));
    expect(r).not.toMatch(/pas s[uû]r de la date/);
  });

  it('a date with two bookable readings is asked about', async () => {
    const chat = makeChat({ channel });
    await chat.send('bjr jai besoin daide pour la caf, pour moi');
    await chat.send('44800');
    expect(joined(await chat.send('lundi 2 décembre'))).toMatch(/pas s[uû]r de la date[^]*\n1 mercredi 2 décembre\n2 lundi 30 novembre/);
  });

  it('one sensible reading is taken without a question', async () => {
    const chat = makeChat({ channel });
    await chat.send('bjr jai besoin daide pour la caf, pour moi');
    await chat.send('44800');
    // 24 November (a Tuesday) is past: "lundi" is the coming Monday.
    const r = joined(await chat.send('lundi 24 novembre'));
    expect(r).not.toMatch(/pas s[uû]r de la date/);
    expect(r).toMatch(/\n1 lun\. 30 nov\./);
  });
});
