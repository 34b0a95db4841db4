// The coordinator pages over plain HTTP: password sign-in, cookie attributes, form actions
// with the CSRF token, sign-out and revocation ending the session, sign-in rate limit.
import { Accounts } from '../../src/coordinator/accounts';
import { addCoordinator, book, expectMessages, freeSlot, startCoordApp, type Coord } from './helpers';

jest.setTimeout(60_000);
let c: Coord;
beforeAll(async () => { c = await startCoordApp(); });
afterAll(async () => { await c.close(); });

async function signIn(fields: Record<string, string>): Promise<{ status: number; cookie?: string; setCookie?: string }> {
  const res = await fetch(`${c.base}/coordinator/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  const setCookie = res.headers.get('set-cookie') ?? undefined;
  return { status: res.status, setCookie, cookie: setCookie?.split(';')[0] };
}

async function getPage(path: string, cookie: string): Promise<{ status: number; html: string; csrf: string }> {
  const res = await fetch(`${c.base}${path}`, { headers: { cookie }, redirect: 'manual' });
  const html = await res.text();
  return { status: res.status, html, csrf: /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '' };
}

async function postForm(path: string, cookie: string, fields: Record<string, string>) {
  return fetch(`${c.base}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
}

it('signs in with account id + password; Secure cookie behind https; decline and move by forms; sign-out ends it', async () => {
  const { account } = await addCoordinator(c.app, '44', 'un mot de passe assez long');
  expect((await signIn({ account: account.id, password: 'pas le bon mot de passe' })).status).toBe(401);
  const ok = await signIn({ account: account.id, password: 'un mot de passe assez long' });
  expect(ok.status).toBe(303);
  expect(ok.setCookie).toMatch(/HttpOnly/);
  expect(ok.setCookie).toMatch(/SameSite=Strict/);
  expect(ok.setCookie).toMatch(/Max-Age=\d+/);
  expect(ok.setCookie).toMatch(/Secure/); // PUBLIC_BASE_URL is https
  const cookie = ok.cookie!;

  const declined = await book(c.app);
  const list = await getPage('/coordinator', cookie);
  expect(list.status).toBe(200);
  expect(list.html).toContain(declined.ref);
  const r = await postForm(`/coordinator/bookings/${declined.ref}/decline`, cookie, { _csrf: list.csrf, back: 'list', reason: 'closed', text: '' });
  expect(r.status).toBe(303);
  expect(r.headers.get('location')).toBe(`/coordinator?done=declined&ref=${declined.ref}`);
  expect((await c.app.store.bookings.get(declined.ref))!).toMatchObject({ status: 'declined', declineReason: 'closed' });
  const [sms] = await expectMessages(c.twilio, declined.beneficiary.phone, 1);
  expect(sms).toContain('le lieu est fermé ce jour-là');
  // No reason at all: nothing happens.
  const other = await book(c.app);
  expect((await postForm(`/coordinator/bookings/${other.ref}/decline`, cookie, { _csrf: list.csrf, reason: 'other', text: ' ' })).headers.get('location')).toBe('/coordinator?error=reason');

  // Move: the booking page offers free slots of the same site.
  const detail = await getPage(`/coordinator/bookings/${other.ref}`, cookie);
  const target = await freeSlot(c.app, { siteId: other.siteId });
  expect(detail.html).toContain(`value="${target.id}"`);
  const moved = await postForm(`/coordinator/bookings/${other.ref}/reschedule`, cookie, { _csrf: detail.csrf, back: 'booking', slotId: target.id });
  expect(moved.headers.get('location')).toBe(`/coordinator/bookings/${other.ref}?done=moved&ref=${other.ref}`);
  expect((await c.app.store.bookings.get(other.ref))!.slotId).toBe(target.id);
  const after = await getPage(`/coordinator/bookings/${other.ref}?done=moved&ref=${other.ref}`, cookie);
  expect(after.html).toContain('Déplacement');

  // Other territory's booking page: 403.
  const far = await book(c.app, { territory: '95' });
  expect((await getPage(`/coordinator/bookings/${far.ref}`, cookie)).status).toBe(403);

  const out = await postForm('/coordinator/logout', cookie, { _csrf: list.csrf });
  expect(out.status).toBe(303);
  expect((await getPage('/coordinator', cookie)).html).toContain('name="token"');
});

it('revoking the account ends its sessions at once', async () => {
  const { account, token } = await addCoordinator(c.app, '44');
  const { cookie } = await signIn({ token });
  expect((await getPage('/coordinator', cookie!)).html).toContain('Demandes à traiter');
  await new Accounts(c.app.store.records).revoke(account.id);
  expect((await getPage('/coordinator', cookie!)).html).toContain('name="token"');
});

it('limits sign-in attempts per address', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) statuses.push((await signIn({ token: `cxc_wrong-${i}` })).status);
  expect(statuses).toContain(401);
  expect(statuses[statuses.length - 1]).toBe(429);
});
