import { makeChat, PHONE } from './harness';
import { REF_CODE_PATTERN } from '../../src/booking/refcode';
import { fitsOneSegment } from '../../src/channels/sms-text';

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

  it('every message of the booking fits one SMS segment; the list shows what fits and only a shown number is taken', async () => {
    const chat = makeChat({ channel: 'sms' });
    const sent: string[] = [];
    const send = async (text: string) => { const r = joined(await chat.send(text)); sent.push(r); return r; };
    await send('bjr jai besoin daide pour la caf');
    await send('44800');
    const list = await send('lundi');
    const shown = list.split('\n').filter((l) => /^\d /.test(l));
    expect(shown.length).toBeGreaterThanOrEqual(1);
    expect(shown.length).toBeLessThan(3); // three lines do not fit one segment here
    // A number beyond the lines shown is not a choice: the question again, nothing taken.
    expect(await send(String(shown.length + 1))).toMatch(/chiffre/);
    expect(await send(String(shown.length))).toMatch(/nom/);
    expect(await send('Jeanne Martin')).toMatch(/récapitule.*lun\. 30 nov\./);
    expect(await send('oui')).toMatch(/C'est noté/);
    for (const m of sent) expect({ m, fits: fitsOneSegment(m) }).toEqual({ m, fits: true });
  });
});
