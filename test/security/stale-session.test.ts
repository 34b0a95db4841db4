// Issue 21: one session guard for every coordinator page. A session whose account was revoked
// is destroyed on first sight, whichever page sees it (the workshop pages used to keep it).
import { Sessions } from '../../src/coordinator/http/web/session';
import { Accounts } from '../../src/coordinator/accounts';
import { addCoordinator, startCoordApp, type Coord } from '../coordinator/helpers';

let c: Coord;
beforeAll(async () => { c = await startCoordApp(); });
afterAll(async () => { await c.close(); });

async function signIn(token: string): Promise<string> {
  const res = await fetch(`${c.base}/coordinator/login`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString(),
  });
  return res.headers.get('set-cookie')!.split(';')[0];
}

it.each(['/coordinator/workshops', '/coordinator/agenda', '/coordinator'])('a revoked account\'s session is destroyed by %s', async (path) => {
  const { token, account } = await addCoordinator(c.app);
  const cookie = await signIn(token);
  const id = cookie.split('=')[1];
  const sessions = new Sessions(c.app.store.documents);
  expect(await sessions.get(id)).not.toBeNull();
  await new Accounts(c.app.store.records).revoke(account.id);
  const res = await fetch(`${c.base}${path}`, { headers: { cookie }, redirect: 'manual' });
  expect([200, 303]).toContain(res.status);
  if (res.status === 200) expect(await res.text()).toMatch(/name="token"/); // the sign-in page
  expect(await sessions.get(id)).toBeNull();
});
