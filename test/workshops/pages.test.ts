// What a coordinator sees and does on the workshop pages: create by form, participants and
// waiting list, attendance once started (refused before), cancel with a reason (SMS to all).
import { DateTime } from 'luxon';
import { toGsm7 } from '../../src/sms-text/gsm7';
import { localToEpoch } from '../../src/booking/slots';
import { addCoordinator, expectMessages, startCoordApp, uniquePhone, type Coord } from '../coordinator/helpers';

jest.setTimeout(60_000);
let c: Coord;
let cookie: string;
beforeAll(async () => {
  c = await startCoordApp();
  const { token } = await addCoordinator(c.app, '44');
  const res = await fetch(`${c.base}/coordinator/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() });
  cookie = res.headers.get('set-cookie')!.split(';')[0];
});
afterAll(async () => { await c.close(); });

async function getPage(path: string): Promise<{ status: number; html: string; csrf: string }> {
  const res = await fetch(`${c.base}${path}`, { headers: { cookie }, redirect: 'manual' });
  const html = await res.text();
  return { status: res.status, html, csrf: /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '' };
}
const post = (path: string, fields: Record<string, string>) => fetch(`${c.base}${path}`, {
  method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(),
});
const inDays = (days: number) => DateTime.now().setZone('Europe/Paris').plus({ days }).set({ hour: 10, minute: 0 }).toFormat("yyyy-MM-dd'T'HH:mm");

it('creates a workshop by form, shows participants, waiting list and the cancel form; cancelling tells everyone', async () => {
  const list = await getPage('/coordinator/workshops');
  expect(list.status).toBe(200);
  expect(list.html).toContain('Créer un atelier');
  expect((await getPage('/coordinator')).html).toContain('href="/coordinator/workshops"');
  // Without the CSRF token: refused.
  expect((await post('/coordinator/workshops', { title: 'x' })).status).toBe(403);
  const bad = await post('/coordinator/workshops', { _csrf: list.csrf, title: 'Atelier', siteId: 'nantes-mediatheque-centre-ville', topic: 'email', start: inDays(-2), durationMinutes: '90', seats: '2' });
  expect(bad.headers.get('location')).toBe('/coordinator/workshops?error=input');
  const created = await post('/coordinator/workshops', { _csrf: list.csrf, title: 'Mon adresse e-mail', siteId: 'nantes-mediatheque-centre-ville', topic: 'email', start: inDays(3), durationMinutes: '120', seats: '2' });
  expect(created.status).toBe(303);
  const location = created.headers.get('location')!;
  const id = /\/coordinator\/workshops\/([^?]+)\?done=created$/.exec(location)![1];

  const people = [uniquePhone(), uniquePhone(), uniquePhone()];
  await c.app.workshops.takeSeat(id, { name: 'Paulette Durand', phone: people[0], requestedBy: 'self', channel: 'sms' });
  await c.app.workshops.takeSeat(id, { name: 'Jean Morel', phone: people[1], requestedBy: 'relative', channel: 'webchat' });
  await c.app.workshops.joinWaitlist(id, { name: 'Yves Le Goff', phone: people[2], requestedBy: 'self', channel: 'sms' });
  const detail = await getPage(`/coordinator/workshops/${id}`);
  expect(detail.html).toContain('Mon adresse e-mail');
  expect(detail.html).toContain('2 prises sur 2 (0 libres)');
  expect(detail.html).toContain('Paulette Durand');
  expect(detail.html).toContain('Jean Morel');
  expect(detail.html).toMatch(/Liste d&#39;attente \(1\)|Liste d'attente \(1\)/);
  expect(detail.html).toContain('Yves Le Goff');
  expect(detail.html).toContain('À noter après le début');
  expect((await getPage('/coordinator/workshops')).html).toContain(`href="/coordinator/workshops/${id}"`);

  expect((await post(`/coordinator/workshops/${id}/cancel`, { _csrf: detail.csrf, reason: ' ' })).headers.get('location')).toBe(`/coordinator/workshops/${id}?error=reason`);
  const cancelled = await post(`/coordinator/workshops/${id}/cancel`, { _csrf: detail.csrf, reason: 'animatrice malade' });
  expect(cancelled.headers.get('location')).toBe(`/coordinator/workshops/${id}?done=cancelled`);
  for (const phone of people) {
    const sms = await expectMessages(c.twilio, phone, phone === people[1] ? 2 : 1, 50);
    expect(sms.join('\n')).toContain(toGsm7('animatrice malade'));
  }
  const after = await getPage(`/coordinator/workshops/${id}?done=cancelled`);
  expect(after.html).toContain('Chaque participant est prévenu par SMS');
  expect(after.html).not.toContain('Annuler l&#39;atelier et prévenir');
  // Another territory's coordinator: 403.
  const { token } = await addCoordinator(c.app, '95');
  const other = await fetch(`${c.base}/coordinator/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() });
  const res = await fetch(`${c.base}/coordinator/workshops/${id}`, { headers: { cookie: other.headers.get('set-cookie')!.split(';')[0] } });
  expect(res.status).toBe(403);
});

it('attendance per participant once the workshop has started, refused before', async () => {
  // Its own app with a clock the test moves.
  const clock = { now: new Date() };
  const own = await startCoordApp({ overrides: { now: () => clock.now } });
  try {
    const { token } = await addCoordinator(own.app, '44');
    const login = await fetch(`${own.base}/coordinator/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() });
    const ownCookie = login.headers.get('set-cookie')!.split(';')[0];
    const get = async (path: string) => {
      const html = await (await fetch(`${own.base}${path}`, { headers: { cookie: ownCookie } })).text();
      return { html, csrf: /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '' };
    };
    const send = (path: string, fields: Record<string, string>) => fetch(`${own.base}${path}`, {
      method: 'POST', redirect: 'manual', headers: { cookie: ownCookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(),
    });
    const { csrf } = await get('/coordinator/workshops');
    // Two hours from now: the 8-hour session is still valid once the clock passes the start.
    const start = DateTime.now().setZone('Europe/Paris').plus({ hours: 2 }).set({ second: 0, millisecond: 0 }).toFormat("yyyy-MM-dd'T'HH:mm");
    const r = await send('/coordinator/workshops', { _csrf: csrf, title: 'Smartphone', siteId: 'nantes-mediatheque-centre-ville', topic: 'smartphone', start, durationMinutes: '60', seats: '5' });
    const id = /workshops\/([^?]+)/.exec(r.headers.get('location')!)![1];
    const seat = await own.app.workshops.takeSeat(id, { name: 'Paulette Durand', phone: uniquePhone(), requestedBy: 'self', channel: 'sms' });
    if (!seat.ok) throw new Error(seat.reason);
    const ref = seat.booking.ref;
    const early = await send(`/coordinator/workshops/${id}/attendance`, { _csrf: csrf, ref, status: 'noshow' });
    expect(early.headers.get('location')).toBe(`/coordinator/workshops/${id}?error=notStarted`);
    expect((await own.app.store.bookings.get(ref))?.attendance).toBeUndefined();
    // Ten minutes after the start: the form is there and records the presence.
    clock.now = new Date(localToEpoch(start)! + 10 * 60_000);
    const page = await get(`/coordinator/workshops/${id}`);
    expect(page.html).toContain(`id="a-${ref}"`);
    const done = await send(`/coordinator/workshops/${id}/attendance`, { _csrf: csrf, ref, status: 'seen' });
    expect(done.headers.get('location')).toBe(`/coordinator/workshops/${id}?done=attendance`);
    expect((await own.app.store.bookings.get(ref))?.attendance).toBe('seen');
    expect((await get(`/coordinator/workshops/${id}`)).html).toContain('<option value="seen" selected>');
  } finally {
    await own.close();
  }
});

it('changes a workshop by the "Modifier" form: current values, CSRF, seats never below those taken, participants told of a new start', async () => {
  const list = await getPage('/coordinator/workshops');
  const created = await post('/coordinator/workshops', { _csrf: list.csrf, title: 'Tablette <b>débutants</b>', siteId: 'nantes-mediatheque-centre-ville', topic: 'smartphone', start: inDays(4), durationMinutes: '90', seats: '3' });
  const id = /\/coordinator\/workshops\/([^?]+)\?/.exec(created.headers.get('location')!)![1];
  const phones = [uniquePhone(), uniquePhone()];
  const refs: string[] = [];
  for (const phone of phones) {
    const r = await c.app.workshops.takeSeat(id, { name: 'Paulette Durand', phone, requestedBy: 'self', channel: 'sms' });
    if (!r.ok) throw new Error(r.reason);
    refs.push(r.booking.ref);
  }
  const detail = await getPage(`/coordinator/workshops/${id}`);
  expect(detail.html).toContain('Modifier l&#39;atelier');
  expect(detail.html).toContain(`action="/coordinator/workshops/${id}/change"`);
  // The current values, escaped like everything else on the page.
  expect(detail.html).toContain('value="Tablette &lt;b&gt;débutants&lt;/b&gt;"');
  expect(detail.html).not.toContain('<b>débutants</b>');
  expect(detail.html).toContain(`value="${inDays(4)}"`);
  expect(detail.html).toContain('<option value="smartphone" selected>');
  expect(detail.html).toContain('<option value="nantes-mediatheque-centre-ville" selected>');
  expect(detail.html).toMatch(/id="m-seats" name="seats" type="number" min="2"/);

  const fields = (over: Record<string, string> = {}) => ({
    _csrf: detail.csrf, title: 'Tablette, les bases', siteId: 'nantes-mediatheque-centre-ville', topic: 'smartphone', start: inDays(4), durationMinutes: '90', seats: '3', ...over,
  });
  // Without the CSRF token: refused, nothing changed.
  expect((await post(`/coordinator/workshops/${id}/change`, { ...fields(), _csrf: 'nope' })).status).toBe(403);
  expect((await c.app.workshops.get(id))?.title).toBe('Tablette <b>débutants</b>');
  expect((await post(`/coordinator/workshops/${id}/change`, fields({ seats: '1' }))).headers.get('location')).toBe(`/coordinator/workshops/${id}?error=seatsTaken`);
  expect((await getPage(`/coordinator/workshops/${id}?error=seatsTaken`)).html).toContain('Pas assez de places');
  expect((await post(`/coordinator/workshops/${id}/change`, fields({ start: inDays(-1) }))).headers.get('location')).toBe(`/coordinator/workshops/${id}?error=input`);
  expect((await post(`/coordinator/workshops/${id}/change`, fields({ siteId: 'cergy-maison-de-quartier-axe-majeur' }))).headers.get('location')).toBe(`/coordinator/workshops/${id}?error=forbidden`);
  expect((await c.app.workshops.get(id))?.seats).toBe(3);
  // A form with only some fields changes only those.
  expect((await post(`/coordinator/workshops/${id}/change`, { _csrf: detail.csrf, title: 'Tablette' })).headers.get('location')).toBe(`/coordinator/workshops/${id}?done=changed`);
  expect(await c.app.workshops.get(id)).toMatchObject({ title: 'Tablette', seats: 3, start: inDays(4), siteId: 'nantes-mediatheque-centre-ville' });

  const changed = await post(`/coordinator/workshops/${id}/change`, fields({ start: inDays(7), seats: '6' }));
  expect(changed.headers.get('location')).toBe(`/coordinator/workshops/${id}?done=changed`);
  expect(await c.app.workshops.get(id)).toMatchObject({ title: 'Tablette, les bases', start: inDays(7), seats: 6 });
  for (const [i, phone] of phones.entries()) {
    const [sms] = await expectMessages(c.twilio, phone, 1, 50);
    expect(sms).toMatch(/^Changement : votre atelier Tablette, les bases aura lieu le /);
    expect(sms).toContain(refs[i]);
  }
  const after = await getPage(`/coordinator/workshops/${id}?done=changed`);
  expect(after.html).toContain('Atelier modifié');
  expect(after.html).toContain('2 prises sur 6 (4 libres)');
  expect((await post(`/coordinator/workshops/${id}/change`, fields({ start: inDays(7), seats: '6' }))).headers.get('location')).toBe(`/coordinator/workshops/${id}?done=unchanged`);

  // Once cancelled: no form, and a change is refused.
  await post(`/coordinator/workshops/${id}/cancel`, { _csrf: detail.csrf, reason: 'salle fermée' });
  expect((await getPage(`/coordinator/workshops/${id}`)).html).not.toContain('Modifier l&#39;atelier');
  expect((await post(`/coordinator/workshops/${id}/change`, fields({ seats: '8' }))).headers.get('location')).toBe(`/coordinator/workshops/${id}?error=cancelled`);
});
