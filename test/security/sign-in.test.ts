// Issue 9 item 5: the sign-in page counts failures only, per client (X-Forwarded-For only from
// TRUST_PROXY) and per account; a cross-site form POST is refused (login CSRF).
import crypto from 'node:crypto';
import { addCoordinator, startCoordApp, type Coord } from '../coordinator/helpers';

const OWN = 'https://bot.les-connectes.example'; // PUBLIC_BASE_URL of startCoordApp

let c: Coord;
beforeAll(async () => { c = await startCoordApp({ env: { TRUST_PROXY: 'loopback' } }); });
afterAll(async () => { await c.close(); });

function login(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${c.base}/coordinator/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}
const client = () => `203.0.113.${crypto.randomInt(1, 254)}`;

describe('coordinator sign-in page', () => {
  it('signing in 15 times in a row is never refused (successes are not failures)', async () => {
    const { token } = await addCoordinator(c.app);
    const ip = client();
    for (let i = 0; i < 15; i++) expect((await login({ token }, { 'x-forwarded-for': ip })).status).toBe(303);
  });

  it('failures lock out their client only, not every coordinator behind the same proxy', async () => {
    const { token } = await addCoordinator(c.app);
    const bad = '198.51.100.66';
    for (let i = 0; i < 10; i++) expect((await login({ token: `nope-${i}` }, { 'x-forwarded-for': bad })).status).toBe(401);
    expect((await login({ token }, { 'x-forwarded-for': bad })).status).toBe(429);
    // Same socket address (the proxy), another client: signs in.
    expect((await login({ token }, { 'x-forwarded-for': '198.51.100.67' })).status).toBe(303);
  });

  it('failures on one account from many addresses lock that account, not others', async () => {
    const a = await addCoordinator(c.app, '44', 'correct horse battery staple');
    const b = await addCoordinator(c.app, '44', 'another long passphrase');
    for (let i = 0; i < 10; i++) {
      expect((await login({ account: a.account.id, password: `guess-${i}` }, { 'x-forwarded-for': `192.0.2.${i + 1}` })).status).toBe(401);
    }
    expect((await login({ account: a.account.id, password: 'correct horse battery staple' }, { 'x-forwarded-for': '192.0.2.200' })).status).toBe(429);
    expect((await login({ account: b.account.id, password: 'another long passphrase' }, { 'x-forwarded-for': '192.0.2.200' })).status).toBe(303);
  });

  it('without TRUST_PROXY a forged X-Forwarded-For does not give a fresh count', async () => {
    const plain = await startCoordApp();
    try {
      const post = (fields: Record<string, string>, ip: string) => fetch(`${plain.base}/coordinator/login`, {
        method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip }, body: new URLSearchParams(fields).toString(),
      });
      for (let i = 0; i < 10; i++) expect((await post({ token: `nope-${i}` }, `198.18.0.${i}`)).status).toBe(401);
      expect((await post({ token: 'nope' }, '198.18.1.1')).status).toBe(429);
    } finally { await plain.close(); }
  });

  it('refuses a cross-site form POST (Origin or Sec-Fetch-Site), accepts our own origin', async () => {
    const { token } = await addCoordinator(c.app);
    const ip = client();
    const foreign: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }];
    for (const headers of foreign) {
      const r = await login({ token }, { ...headers, 'x-forwarded-for': ip });
      expect(r.status).toBe(403);
      expect(r.headers.get('set-cookie')).toBeNull();
    }
    const ok = await login({ token }, { origin: OWN, 'sec-fetch-site': 'same-origin', 'x-forwarded-for': ip });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('set-cookie')).toMatch(/HttpOnly/);
  });
});
