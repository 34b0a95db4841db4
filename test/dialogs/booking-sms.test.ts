import { makeChat, PHONE } from './harness';
import { REF_CODE_PATTERN } from '../../src/booking/refcode';

const joined = (r: string[]) => r.join('\n');

describe('booking by SMS', () => {
  it('books for oneself with short replies and ends pending', async () => {
    const chat = makeChat({ channel: 'sms' });
    // "j'ai besoin" says it is for the writer: no question about it.
    let r = await chat.send('bjr jai besoin daide pour la caf');
    expect(joined(r)).toMatch(/commune/i);
    r = await chat.send('44800');
    expect(joined(r)).toMatch(/Quand/);
    r = await chat.send('lundi aprem');
    expect(joined(r)).toMatch(/\n1 /);
    r = await chat.send('1');
    expect(joined(r)).toMatch(/nom/i);
    r = await chat.send('Jeanne Martin');
    expect(joined(r)).toMatch(/récapitule|recapitule/i);
    r = await chat.send('oui');
    const ref = new RegExp(`(${REF_CODE_PATTERN})`).exec(joined(r))?.[1];
    expect(ref).toBeDefined();
    const booking = await chat.store.getBooking(ref!);
    expect(booking).toMatchObject({
      status: 'pending', topic: 'caf', siteId: 'saint-herblain-ccas', requestedBy: 'self', channel: 'sms',
      beneficiary: { name: 'Jeanne Martin', phone: PHONE },
    });
    expect(booking!.start).toBe('2026-11-30T14:00');
  });
});
