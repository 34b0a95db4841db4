// The helpline is a way out, never a wall (issue 20): after it, the next message starts afresh;
// it is given at most once an hour per conversation.
import { makeChat, type Chat } from './harness';
import { REF_CODE_PATTERN } from '../../src/booking/refcode';
import { t } from '../../src/i18n';

const joined = (r: string[]) => r.join('\n');
const HELPLINE = /Je n'arrive pas à vous aider par message\. Appelez le/;

/** Home visit, then three answers to the address question that say nothing. */
async function stuckAtAddress(chat: Chat): Promise<string> {
  await chat.send("j'ai besoin d'aide pour mon portable mais je ne peux pas me déplacer");
  await chat.send('Carquefou');
  await chat.send('dès que possible');
  expect(joined(await chat.send('1'))).toMatch(/Quelle est votre adresse à Carquefou/);
  expect(joined(await chat.send('je ne sais pas'))).toMatch(/pas compris l'adresse/);
  expect(joined(await chat.send('je ne sais pas'))).toMatch(/Que voulez-vous faire/);
  expect(joined(await chat.send('1'))).toMatch(/Quelle est votre adresse à Carquefou/);
  return joined(await chat.send('je sais pas'));
}

describe.each(['sms', 'webchat'] as const)('after the helpline (%s)', (channel) => {
  it('the next request is a new request, booked to the end', async () => {
    const chat = makeChat({ channel });
    expect(await stuckAtAddress(chat)).toMatch(HELPLINE);
    const r = joined(await chat.send('je voudrais un rendez-vous pour ma retraite'));
    expect(r).not.toMatch(HELPLINE);
    expect(r).toMatch(/Dans quelle commune/);
    expect(joined(await chat.send('44800'))).toMatch(channel === 'sms' ? /autre jour/ : /Quand/);
    expect(joined(await chat.send('lundi aprem'))).toMatch(/\n1 /);
    expect(joined(await chat.send('1'))).toMatch(/nom et votre prénom/);
    let next = joined(await chat.send('Jeanne Martin'));
    if (channel === 'webchat') {
      expect(next).toMatch(/numéro de portable/);
      expect(joined(await chat.send('06 98 76 54 32'))).toMatch(/d'accord pour recevoir des SMS/);
      next = joined(await chat.send('oui'));
    }
    expect(next).toMatch(/Retraite|retraite/);
    const ref = new RegExp(`(${REF_CODE_PATTERN})`).exec(joined(await chat.send('oui')))?.[1];
    expect(ref).toBeDefined();
    expect(await chat.store.bookings.get(ref!)).toMatchObject({ topic: 'retraite', status: 'pending' });
    // The held home-visit slot of the abandoned request was let go.
    expect((await chat.store.bookings.byPhone((await chat.store.bookings.get(ref!))!.beneficiary.phone)).length).toBe(1);
  });

  it('gives the number once an hour, then says how to start again', async () => {
    const chat = makeChat({ channel });
    expect(await stuckAtAddress(chat)).toMatch(HELPLINE);
    // Three messages nobody understands: a retry, the menu, then no second helpline within the hour.
    const replies = [];
    for (const m of ['bla bla', 'bla bla', 'bla bla', 'bla bla', 'bla bla']) replies.push(joined(await chat.send(m)));
    expect(replies.filter((r) => HELPLINE.test(r))).toEqual([]);
    expect(replies.some((r) => r.includes(t('fallback.again')))).toBe(true);
    chat.clock.now = new Date(chat.clock.now.getTime() + 61 * 60_000);
    const later = [];
    for (const m of ['bla bla', 'bla bla', 'bla bla', 'bla bla']) later.push(joined(await chat.send(m)));
    expect(later.filter((r) => HELPLINE.test(r))).toHaveLength(1);
  });
});
