import { makeChat, PHONE } from './harness';
import { REF_CODE_PATTERN } from '../../src/booking/refcode';
import { fitsOneSegment } from '../../src/sms-text/fit';

const joined = (r: string[]) => r.join('\n');

describe('booking by SMS', () => {
  it('books for oneself with short replies and ends pending', async () => {
    const chat = makeChat({ channel: 'sms' });
    // "j'ai besoin" says it is for the writer: no question about it.
    let r = await chat.send('bjr jai besoin daide pour la caf');
    expect(joined(r)).toMatch(/commune/i);
    r = await chat.send('44800');
    expect(joined(r)).toMatch(/autre jour/);
    r = await chat.send('lundi aprem');
    expect(joined(r)).toMatch(/\n1 /);
    r = await chat.send('1');
    expect(joined(r)).toMatch(/nom/i);
    r = await chat.send('Jeanne Martin');
    expect(joined(r)).toMatch(/récapitule|recapitule/i);
    r = await chat.send('oui');
    const ref = new RegExp(`(${REF_CODE_PATTERN})`).exec(joined(r))?.[1];
    expect(ref).toBeDefined();
    const booking = await chat.store.bookings.get(ref!);
    expect(booking).toMatchObject({
      status: 'pending', topic: 'caf', siteId: 'saint-herblain-ccas', requestedBy: 'self', channel: 'sms',
      beneficiary: { name: 'Jeanne Martin', phone: PHONE },
    });
    expect(booking!.start).toBe('2026-11-30T14:00');
  });

  it('a relative who says the person agrees with the number is not asked again; the consent is stored', async () => {
    const chat = makeChat({ channel: 'sms' });
    expect(joined(await chat.send('je voudrais un rdv pour ma mère pour ses impots'))).toMatch(/commune/);
    expect(joined(await chat.send('44800'))).toMatch(/autre jour/);
    expect(joined(await chat.send('1'))).toMatch(/nom et le prénom de la personne/);
    expect(joined(await chat.send('Paulette Durand'))).toMatch(/numéro de portable de la personne/);
    expect(joined(await chat.send("06 98 76 54 32, elle est d'accord"))).toMatch(/Je récapitule/);
    const ref = new RegExp(`(${REF_CODE_PATTERN})`).exec(joined(await chat.send('oui')))?.[1];
    expect(await chat.store.bookings.get(ref!)).toMatchObject({ requestedBy: 'relative', smsConsent: true, beneficiary: { name: 'Paulette Durand', phone: '+33698765432' } });
  });

  it('a relative who gives the name, number and agreement in one answer goes straight to the recap', async () => {
    const chat = makeChat({ channel: 'sms' });
    await chat.send('je voudrais un rdv pour ma mère pour ses impots');
    await chat.send('44800');
    expect(joined(await chat.send('1'))).toMatch(/ajouter son portable/);
    const recap = joined(await chat.send("Paulette Durand 06 98 76 54 32, elle est d'accord"));
    expect(recap).toMatch(/Je récapitule.*pour Paulette Durand, portable finissant par 54 32/);
    const ref = new RegExp(`(${REF_CODE_PATTERN})`).exec(joined(await chat.send('oui')))?.[1];
    expect(await chat.store.bookings.get(ref!)).toMatchObject({ smsConsent: true, beneficiary: { name: 'Paulette Durand', phone: '+33698765432' } });
  });

  it('a relative who gives the number alone is asked for the consent, and no is kept', async () => {
    const chat = makeChat({ channel: 'sms' });
    await chat.send('je voudrais un rdv pour ma mère pour ses impots');
    await chat.send('44800');
    await chat.send('1');
    await chat.send('Paulette Durand');
    expect(joined(await chat.send('06 98 76 54 32'))).toMatch(/d'accord pour recevoir des SMS/);
    expect(joined(await chat.send('non'))).toMatch(/Je récapitule/);
    const ref = new RegExp(`(${REF_CODE_PATTERN})`).exec(joined(await chat.send('oui')))?.[1];
    expect(await chat.store.bookings.get(ref!)).toMatchObject({ smsConsent: false });
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
