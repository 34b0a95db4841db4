// The coordinator page in headless Chromium: sign in with the token, confirm a pending
// request, see it move to the history; a form post without the CSRF token is refused.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { addCoordinator, book, expectMessages, startCoordApp, type Coord } from '../coordinator/helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
jest.setTimeout(90_000);

let c: Coord;
let browser: Browser;
beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it or set CHROMIUM_PATH.`);
  c = await startCoordApp();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
afterAll(async () => {
  await browser?.close();
  await c?.close();
});

it('signs in, confirms a pending booking which moves to the history; refuses a CSRF-less post', async () => {
  const { token } = await addCoordinator(c.app, '44');
  const b = await book(c.app, { name: '<b>Jeanne</b> & "Martin"', requestedBy: 'relative', channel: 'webchat' });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(`${c.base}/coordinator`);
  expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  await expect(page.getByLabel('Jeton').count()).resolves.toBe(1); // the token field has a label
  // The form's Origin check compares with PUBLIC_BASE_URL, a public https name in the test app
  // while the browser talks to 127.0.0.1: post it through the page's own request context.
  const r = await page.request.post(`${c.base}/coordinator/login`, { form: { token }, maxRedirects: 0 });
  expect(r.status()).toBe(303);
  await page.goto(`${c.base}/coordinator`);
  await page.getByRole('heading', { name: /Demandes à traiter/ }).waitFor();

  const cookie = (await context.cookies()).find((k) => k.name === 'cx_coord')!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect(cookie.expires).toBeGreaterThan(Date.now() / 1000);

  const pending = page.locator('section[aria-labelledby="h-pending"] article', { hasText: b.ref });
  await expect(pending.count()).resolves.toBe(1);
  const text = await pending.innerText();
  // Escaped, shown as text: no element was injected.
  expect(text).toContain('<b>Jeanne</b> & "Martin"');
  expect(await pending.locator('b').count()).toBe(0);
  expect(text).toContain('un proche');
  expect(text).toContain('Site web');
  expect(text).toContain(b.beneficiary.phone);

  // A form post without the CSRF token (same cookies) is refused and changes nothing.
  const forged = await page.request.post(`${c.base}/coordinator/bookings/${b.ref}/confirm`, { form: { back: 'list' }, maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  const wrong = await page.request.post(`${c.base}/coordinator/bookings/${b.ref}/confirm`, { form: { _csrf: 'x'.repeat(32) }, maxRedirects: 0 });
  expect(wrong.status()).toBe(403);
  expect((await c.app.store.bookings.get(b.ref))!.status).toBe('pending');

  await pending.getByRole('button', { name: 'Confirmer' }).click();
  await page.getByRole('status').filter({ hasText: `${b.ref} confirmé` }).waitFor();
  expect(await page.locator('section[aria-labelledby="h-pending"] article', { hasText: b.ref }).count()).toBe(0);
  const history = page.locator('section[aria-labelledby="h-history"] article', { hasText: b.ref });
  await expect(history.innerText()).resolves.toContain('Confirmé');
  expect((await c.app.store.bookings.get(b.ref))!.status).toBe('confirmed');
  expect(await expectMessages(c.twilio, b.beneficiary.phone, 1)).toHaveLength(1);

  // The booking page shows who did what.
  await history.getByRole('link', { name: /Voir le détail/ }).click();
  await page.getByRole('heading', { name: `Rendez-vous ${b.ref}` }).waitFor();
  const audit = await page.locator('table').innerText();
  expect(audit).toContain('Coordination 44');
  expect(audit).toMatch(/En attente.*→ Confirmé/);
  await context.close();
});
