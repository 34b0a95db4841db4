// SMSFactor behind the provider port, against the local stand-in: what is sent, and how each
// answer is classified for the queue (sent, retry later, give up).
import { smsFactorPort, smsFactorNumber } from '../../src/notify/providers/smsfactor';
import { startSmsFactorStandin, type SmsFactorStandin } from '../support/smsfactor-standin';
import { deliveryLabel, e164Of, secretMatches } from '../../src/channels/smsfactor/inbound';

let sf: SmsFactorStandin;
beforeAll(async () => { sf = await startSmsFactorStandin(); });
afterAll(async () => { await sf.close(); });
afterEach(() => sf.setMode('ok'));

describe('SMSFactor REST send', () => {
  it('posts the text and the recipient as SMSFactor writes numbers; the ticket is the id', async () => {
    const port = smsFactorPort({ apiUrl: sf.url, token: sf.token, sender: 'Connectes' });
    const outcome = await port.post('+33612345678', 'Bonjour', 1000);
    expect(outcome).toMatchObject({ ok: true });
    expect(sf.messages.at(-1)).toMatchObject({ to: '+33612345678', text: 'Bonjour', sender: 'Connectes', ticket: (outcome as { sid: string }).sid });
    expect(smsFactorNumber('+33612345678')).toBe('33612345678');
  });

  it('gives up on a refused token or no credits; retries a server error or a timeout (ambiguous)', async () => {
    expect(await smsFactorPort({ apiUrl: sf.url, token: 'wrong' }).post('+33612345678', 'x', 1000)).toMatchObject({ ok: false, retry: false, reason: 'smsfactor status -1' });
    const port = smsFactorPort({ apiUrl: sf.url, token: sf.token });
    sf.setMode('credits');
    expect(await port.post('+33612345678', 'x', 1000)).toMatchObject({ ok: false, retry: false, reason: 'smsfactor status -3' });
    sf.setMode('fail');
    expect(await port.post('+33612345678', 'x', 1000)).toMatchObject({ ok: false, retry: true, status: 500 });
    sf.setMode('hang');
    expect(await port.post('+33612345678', 'x', 100)).toMatchObject({ ok: false, retry: true, ambiguous: true, reason: 'timeout' });
    // No list of sent messages at SMSFactor: after an unanswered try, the message is sent again.
    expect(await port.findSent('+33612345678', 'x', 0, 100)).toBe('absent');
  });

  it('is not configured without a token', async () => {
    const port = smsFactorPort({ apiUrl: sf.url, token: '' });
    expect(port.configured()).toBe(false);
    expect(await port.post('+33612345678', 'x', 1000)).toMatchObject({ ok: false, retry: false });
  });
});

describe('SMSFactor webhook fields', () => {
  it('reads numbers, delivery statuses and the secret', () => {
    expect(e164Of('33612345678')).toBe('+33612345678');
    expect(e164Of('0612345678')).toBe('+33612345678');
    expect(e164Of('+33612345678')).toBe('+33612345678');
    expect(['1', 'delivered', 'DELIVRD'].map(deliveryLabel)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(['0', 'sent'].map(deliveryLabel)).toEqual(['pending', 'pending']);
    expect(['2', 'expired', 'npai'].map(deliveryLabel)).toEqual(['failed', 'failed', 'failed']);
    expect(secretMatches('s3cret-value', 's3cret-value')).toBe(true);
    expect(secretMatches('s3cret-value', 's3cret-valuE')).toBe(false);
    expect(secretMatches('s3cret-value', undefined)).toBe(false);
  });
});
