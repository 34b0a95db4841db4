// The programme pages at phone size (360×640) in headless Chromium: a coordinator adds a
// volunteer with weekly hours, records a closure over an existing booking (listed, with a
// link to move or decline it), reads the week's agenda, takes attendance, and reads the
// statistics drawn as SVG. axe-core finds no violation on any page; no horizontal scroll.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { addCoordinator, book, startCoordApp, type Coord } from '../coordinator/helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(__dirname, '..', '..', 'test-artifacts');
jest.setTimeout(120_000);

let c: Coord;
let browser: Browser;
let offsetMs = 0;
beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it or set CHROMIUM_PATH.`);
  c = await startCoordApp({ overrides: { now: () => new Date(Date.now() + offsetMs) } });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await c?.close();
});

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document);
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function check(page: Page, name: string): Promise<void> {
  expect({ name, violations: await axeViolations(page) }).toEqual({ name, violations: [] });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  expect({ name, overflow }).toEqual({ name, overflow: false });
  await page.screenshot({ path: path.join(SHOTS, `programme-${name}.png`), fullPage: true });
}

/**
 * Signs in through the page's own request context (it shares the cookies). The sign-in form's
 * Origin check compares with PUBLIC_BASE_URL, which the test app sets to a public https name
 * while the browser talks to 127.0.0.1; the sign-in page itself is covered by coordinator.test.ts.
 */
async function signIn(page: Page, token: string): Promise<void> {
  const r = await page.request.post(`${c.base}/coordinator/login`, { form: { token }, maxRedirects: 0 });
  expect(r.status()).toBe(303);
  await page.goto(`${c.base}/coordinator`);
  await page.getByRole('navigation', { name: /Menu/ }).waitFor();
}

it('runs the programme from a phone', async () => {
  const { token } = await addCoordinator(c.app, '44');
  const b = await book(c.app, { siteId: 'clisson-mediatheque', name: 'Odette Rivière' });
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'fr-FR' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, token);
  await page.getByRole('navigation', { name: /Menu/ }).getByRole('link', { name: 'Lieux et volontaires' }).click();

  // A new volunteer with hours at Clisson.
  await page.getByRole('heading', { name: 'Lieux et volontaires', level: 2 }).waitFor();
  await check(page, 'catalogue');
  await page.getByText('Ajouter un volontaire').click();
  const form = page.locator('form[action="/coordinator/volunteers"]');
  await form.getByLabel(/Identifiant/).fill('vol-maelle');
  await form.getByLabel('Prénom').fill('Maëlle');
  await form.getByLabel('CAF').check();
  const row = form.getByRole('group', { name: 'Plage 1' });
  await row.getByLabel('Lieu').selectOption('clisson-mediatheque');
  await row.getByLabel('Jour').selectOption('friday');
  await row.getByLabel('De').fill('09:00');
  await row.getByLabel('À').fill('12:00');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();
  expect(c.app.catalogue.volunteers.get('vol-maelle')).toMatchObject({ firstName: 'Maëlle', topics: ['caf'], availability: [{ site: 'clisson-mediatheque', weekday: 'friday', from: '09:00', to: '12:00' }] });
  await expect(page.locator('article', { hasText: 'Maëlle' }).innerText()).resolves.toContain('3 h par semaine');

  // A closure of Clisson on the day of the booking: the booking is listed with a link.
  await page.getByRole('link', { name: 'Absences et fermetures' }).click();
  await page.getByLabel('Volontaire ou lieu').selectOption('site:clisson-mediatheque');
  const day = b.start.slice(0, 10);
  await page.getByLabel('Du (inclus)').fill(day);
  await page.getByLabel('Au (inclus)').fill(day);
  await page.getByLabel('Motif').fill('Inventaire');
  await page.getByRole('button', { name: "Enregistrer l'absence" }).click();
  await page.getByRole('heading', { name: /Rendez-vous déjà pris sur cette période \(1\)/ }).waitFor();
  await check(page, 'absences');
  expect(c.app.catalogue.absences.some((a) => a.siteId === 'clisson-mediatheque' && a.from === `${day}T00:00`)).toBe(true);
  await page.getByRole('link', { name: new RegExp(b.ref) }).click();
  await page.getByRole('heading', { name: `Rendez-vous ${b.ref}` }).waitFor();

  // The agenda of the week at Clisson shows the booking and the closure.
  await page.goto(`${c.base}/coordinator/agenda?who=site:clisson-mediatheque&week=${day}`);
  await expect(page.locator('main').innerText()).resolves.toContain('Absent ou fermé : Inventaire');
  await expect(page.locator('main').innerText()).resolves.toContain(b.ref);
  await check(page, 'agenda');

  // After the appointment: attendance.
  offsetMs = b.startsAt - Date.now() + 30 * 60_000;
  // (Days later: the session has expired, sign in again.)
  await signIn(page, token);
  await page.goto(`${c.base}/coordinator/bookings/${b.ref}`);
  await page.getByRole('button', { name: 'Absente sans prévenir' }).click();
  await page.getByRole('status').filter({ hasText: 'Présence notée' }).waitFor();
  await expect(page.locator('main').innerText()).resolves.toContain('Absences sans prévenir de cette personne : 1');
  await check(page, 'booking');
  expect((await c.app.store.bookings.get(b.ref))!.attendance).toBe('noshow');

  // Statistics, as SVG charts with their figures.
  await page.getByRole('link', { name: 'Statistiques' }).click();
  await page.getByLabel('Du').fill(day);
  await page.getByLabel('Au').fill(day);
  await page.getByRole('button', { name: 'Afficher' }).click();
  await page.getByText(/Rendez-vous : \d+/).waitFor();
  expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(8);
  await expect(page.locator('svg.chart title#c-byAttendance').textContent()).resolves.toMatch(/Absente sans prévenir 1/);
  await check(page, 'stats');
  expect(errors).toEqual([]);
  await context.close();
});
