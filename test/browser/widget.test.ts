// The widget in a real browser: headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) opens /widget, books by typing and by clicking the buttons, and the booking
// is in the store. No Chromium = a failing test with the reason, never a skipped one.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startApp, type Running } from '../e2e/http';
import { REF_CODE_PATTERN } from '../../src/booking/refcode';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
jest.setTimeout(90_000);

let run: Running;
let browser: Browser;
// A partner's web site on another origin, embedding the widget with the one-line script.
let partner: http.Server;
let partnerOrigin = '';
beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH. The widget test cannot run without a browser.`);
  }
  partner = http.createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="fr"><body><p>Partenaire</p><script src="${run.base}/widget.js" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', () => resolve()));
  partnerOrigin = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
  run = await startApp({ WIDGET_TOKEN_SECRET: 'y'.repeat(40), ALLOWED_ORIGINS: partnerOrigin });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});
afterAll(async () => {
  await browser?.close();
  await run?.app.close();
  await new Promise((resolve) => partner?.close(resolve));
});

const transcript = (page: Page) => page.locator('.webchat__basic-transcript');

async function send(page: Page, text: string): Promise<void> {
  const input = page.getByPlaceholder('Écrivez votre message ici');
  await input.fill(text);
  await input.press('Enter');
}

/** Waits until the transcript shows text matching `re`; resolves with the whole transcript. */
async function shows(page: Page, re: RegExp, ms = 15_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const text = await transcript(page).innerText().catch(() => '');
    if (re.test(text)) return text;
    if (Date.now() > until) throw new Error(`transcript never showed ${re}; it shows:\n${text}`);
    await page.waitForTimeout(50);
  }
}

describe('GET /widget in headless Chromium', () => {
  it('books by typing and clicking the suggested actions; the booking is stored', async () => {
    const page = await browser.newPage({ viewport: { width: 412, height: 860 }, locale: 'fr-FR' });
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));

    const t0 = Date.now();
    await page.goto(`${run.base}/widget`);
    await shows(page, /Bonjour/);
    const firstMessageMs = Date.now() - t0;
    process.stdout.write(`widget: page load to first bot message ${firstMessageMs} ms\n`);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expect(page.locator('h1').innerText()).resolves.toBe('Prendre rendez-vous');
    expect(await page.locator('a[href^="tel:+33"]').count()).toBeGreaterThan(0);

    // Large text: the bot's words are at least 18 px.
    const size = await page.locator('.webchat__text-content').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(18);

    await send(page, 'je voudrais un rendez-vous pour ma mère pour la CAF');
    await shows(page, /commune|code postal/i);
    await send(page, 'Rezé');
    await shows(page, /Quand/);
    await send(page, 'dès que possible');
    await shows(page, /rendez-vous possibles/);
    // The sites' addresses are shown in the proposals' buttons (the server puts them there).
    await expect(page.locator('.webchat__suggested-action').first().innerText()).resolves.toMatch(/^1 .* \u2013 .*\d{5} /);

    const first = page.locator('.webchat__suggested-action').first();
    const firstLabel = await first.innerText();
    await first.click();
    await shows(page, /nom et (le |votre )?prénom/);
    await send(page, 'Paulette Durand');
    await shows(page, /portable/);
    await send(page, '06 98 76 54 32');
    await shows(page, /recevoir des SMS/);
    await page.getByRole('toolbar').getByRole('button', { name: '1 Oui' }).click();
    const recap = await shows(page, /Je récapitule[^\n]*Paulette Durand/);
    expect(recap).toContain(firstLabel.split(',')[1]?.trim() ?? 'no site in the button');
    await page.getByRole('toolbar').getByRole('button', { name: '1 Oui' }).click();
    const done = await shows(page, /C'est noté/);
    const ref = new RegExp(`numéro (${REF_CODE_PATTERN})`).exec(done)?.[1];
    expect(ref).toBeDefined();

    // The calendar file is offered as a link.
    const link = page.locator(`a[href*="/api/widget/bookings/${ref}.ics"]`);
    await link.first().waitFor({ timeout: 15_000 });

    const booking = await run.app.store.bookings.get(ref!);
    expect(booking).toMatchObject({
      status: 'pending', topic: 'caf', channel: 'webchat', requestedBy: 'relative',
      beneficiary: { name: 'Paulette Durand', phone: '+33698765432' },
    });
    expect(booking!.conversationId).toMatch(/^dl-/);
    await page.screenshot({ path: process.env.WIDGET_SCREENSHOT ?? '/tmp/widget-booking.png', fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the embed script adds a button that opens the widget in a dialog', async () => {
    const page = await browser.newPage();
    await page.goto(`${partnerOrigin}/`);
    await page.getByRole('button', { name: 'Prendre rendez-vous' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getAttribute('aria-label')).resolves.toMatch(/volontaire/);
    const frame = page.frameLocator('iframe');
    // The page is allowed in the partner's frame (ALLOWED_ORIGINS) and its chat starts.
    await frame.locator('.webchat__text-content').getByText(/Bonjour/).first().waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Fermer' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.close();
  });
});
