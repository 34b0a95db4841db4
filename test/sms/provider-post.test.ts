// The POST every SMS provider shares (src/notify/providers/port.ts), through Twilio's and
// SMSFactor's ports with a stand-in fetch: an unanswered request is ambiguous (the queue looks
// before it sends again), a body that is not JSON is read as none, and each provider still
// reads its own answer.
import { postToProvider } from '../../src/notify/providers/port';
import { postMessage } from '../../src/notify/providers/twilio-rest';
import { smsFactorPort } from '../../src/notify/providers/smsfactor';

const TWILIO = { apiUrl: 'https://twilio.test', accountSid: 'AC1', authToken: 'tok', from: '+33700000000', messagingServiceSid: '' };
const answer = (status: number, body: string): typeof fetch => async () => new Response(body, { status });
const failing = (name: string): typeof fetch => async () => { const e = new Error(name); e.name = name; throw e; };

describe('postToProvider', () => {
  it('sends one POST with the headers, the body and a timeout', async () => {
    let seen: RequestInit | undefined;
    const fetchImpl: typeof fetch = async (_url, init) => { seen = init; return new Response('{"a":1}', { status: 201 }); };
    const posted = await postToProvider<{ a: number }>('https://x.test/send', { headers: { accept: 'application/json' }, body: 'b=1' }, 500, fetchImpl);
    expect(posted).toMatchObject({ payload: { a: 1 } });
    expect(seen).toMatchObject({ method: 'POST', headers: { accept: 'application/json' }, body: 'b=1' });
    expect(seen!.signal).toBeInstanceOf(AbortSignal);
  });

  it('tells a request that got no answer (timeout, network) from a refusal', async () => {
    expect(await postToProvider('https://x.test', { headers: {}, body: '' }, 10, failing('TimeoutError'))).toEqual({ unanswered: { ok: false, retry: true, ambiguous: true, reason: 'timeout' } });
    expect(await postToProvider('https://x.test', { headers: {}, body: '' }, 10, failing('TypeError'))).toEqual({ unanswered: { ok: false, retry: true, ambiguous: true, reason: 'network' } });
    expect(await postToProvider('https://x.test', { headers: {}, body: '' }, 10, answer(502, '<html>Bad gateway</html>'))).toMatchObject({ payload: {} });
  });
});

describe('each provider reads its own answer', () => {
  it('Twilio: the sid, a 4xx with its code given up, a 5xx retried, no answer ambiguous', async () => {
    expect(await postMessage(TWILIO, '+33612345678', 'x', 100, answer(201, '{"sid":"SM1"}'))).toEqual({ ok: true, sid: 'SM1' });
    expect(await postMessage(TWILIO, '+33612345678', 'x', 100, answer(400, '{"code":21211}'))).toEqual({ ok: false, retry: false, status: 400, reason: 'http 400 code 21211' });
    expect(await postMessage(TWILIO, '+33612345678', 'x', 100, answer(503, 'down'))).toEqual({ ok: false, retry: true, status: 503, reason: 'http 503' });
    expect(await postMessage(TWILIO, '+33612345678', 'x', 100, failing('AbortError'))).toMatchObject({ ok: false, retry: true, ambiguous: true, reason: 'timeout' });
  });

  it('SMSFactor: status 1 and its ticket, a negative status given up, no answer ambiguous', async () => {
    const port = smsFactorPort({ apiUrl: 'https://sf.test', token: 't' });
    expect(await port.post('+33612345678', 'x', 100, answer(200, '{"status":1,"ticket":42}'))).toEqual({ ok: true, sid: '42' });
    expect(await port.post('+33612345678', 'x', 100, answer(200, '{"status":-5}'))).toEqual({ ok: false, retry: false, status: 200, reason: 'smsfactor status -5' });
    expect(await port.post('+33612345678', 'x', 100, failing('TypeError'))).toMatchObject({ ok: false, retry: true, ambiguous: true, reason: 'network' });
  });
});
