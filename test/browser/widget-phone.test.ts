// The widget as a person meets it on a phone and on a desktop, in headless Chromium: the
// conversation owns the screen at 360×640, 390×844 and 1280×800 (the last bot message, the
// buttons and the text box on screen and not covered: document.elementFromPoint), axe-core
// finds nothing, a reload and the next day keep the conversation, and the embed closes with
// Escape from inside its frame. Screenshots go to test-artifacts/ (kept by CI, not in git).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startApp, type Running } from '../e2e/http';
import { settledLayout, type Layout } from './layout';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
jest.setTimeout(120_000);

let run: Running;
let browser: Browser;
let partner: http.Server;
let partnerOrigin = '';
/** The app's clock: tests move it to "the next day". */
let shiftMs = 0;
const clock = () => new Date(Date.now() + shiftMs);

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  partner = http.createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="fr"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Partenaire</title></head><body><main><h1>Partenaire</h1><p>${'Texte du site partenaire. '.repeat(200)}</p></main><script src="${run.base}/widget.js" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', () => resolve()));
  partnerOrigin = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
  run = await startApp({ WIDGET_TOKEN_SECRET: 'p'.repeat(40), ALLOWED_ORIGINS: partnerOrigin }, { now: clock });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
afterAll(async () => {
  await browser?.close();
  await run?.app.close();
  await new Promise((resolve) => partner?.close(resolve));
});

const inputOf = (page: Page) => page.locator('.webchat__send-box input, .webchat__send-box textarea').first();

async function send(page: Page, text: string): Promise<void> {
  await inputOf(page).fill(text);
  await inputOf(page).press('Enter');
}

/** Waits until the transcript shows `re`, then until the layout has settled (no animation). */
// A bound on waiting, not a speed check: the first turn of a new day rebuilds the day's slots,
// which takes long on a loaded 2-core machine.
async function shows(page: Page, re: RegExp, ms = 45_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const text = await page.locator('.webchat__basic-transcript').innerText().catch(() => '');
    if (re.test(text)) { await page.waitForTimeout(300); return text; }
    if (Date.now() > until) throw new Error(`transcript never showed ${re}; it shows:\n${text}`);
    await page.waitForTimeout(50);
  }
}

function expectOnScreen(l: Layout, what: string): void {
  const ok = { lastBotTopVisible: true, lastBotBottomVisible: true, inputVisible: true, buttonsVisible: true, overflowX: false };
  expect({ what, ...l }).toMatchObject({ what, ...ok });
}

async function axeViolations(page: Page): Promise<string[]> {
  // Injected through the DevTools protocol (page.evaluate), which the page's CSP does not block.
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document);
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const SIZES = [[360, 640], [390, 844], [1280, 800]] as const;

describe.each(SIZES)('widget at %i×%i', (width, height) => {
  it('keeps the question, the buttons and the text box on screen; axe finds nothing', async () => {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'fr-FR' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${run.base}/widget`);
    await shows(page, /Bonjour/);

    // One line of header with the call link; the notice folded to one line.
    const header = await page.locator('body > header').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(64);
    await expect(page.locator('body > header').getByText('Appeler').first().isVisible()).resolves.toBe(true);
    expect(await page.locator('details.notice').getAttribute('open')).toBeNull();
    expect(await page.locator('a[href^="tel:+33"]').count()).toBeGreaterThan(0);
    const welcome = await settledLayout(page);
    expectOnScreen(welcome, 'welcome');

    await send(page, 'je voudrais un rendez-vous pour moi');
    await shows(page, /Pour quelle démarche/);
    const topics = await settledLayout(page);
    await page.screenshot({ path: path.join(ARTIFACTS, `widget-${width}x${height}-topics.png`) });
    expect(topics.buttons).toBe(10);
    expectOnScreen(topics, 'ten topics');
    // The buttons carry the numbers the text asks for.
    const labels = await page.locator('.webchat__suggested-action').allInnerTexts();
    expect(labels.slice(0, 2).map((l) => l.trim())).toEqual(['1 CAF', '2 Impôts']);
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('.webchat__suggested-action', { hasText: '1 CAF' }).click();
    // The click reads as the person's words in the transcript, not a bare "1".
    await shows(page, /1 CAF[\s\S]*commune/);
    await send(page, 'Rezé');
    await shows(page, /Quand/);
    await send(page, 'dès que possible');
    await shows(page, /rendez-vous possibles/);
    // The bubble asks the question; the choices are the buttons' (the server's rendering).
    const question = await page.locator('.webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble__content').last().innerText();
    expect(question).toMatch(/rendez-vous possibles/);
    expect(question).not.toMatch(/^\d+ /m);
    const proposals = await settledLayout(page);
    await page.screenshot({ path: path.join(ARTIFACTS, `widget-${width}x${height}-proposals.png`) });
    expect(proposals.buttons).toBeGreaterThan(0);
    expectOnScreen(proposals, 'proposals');
    expect(await axeViolations(page)).toEqual([]);

    process.stdout.write(`widget ${width}x${height}: transcript visible ${welcome.transcriptVisible} px (welcome), ${topics.transcriptVisible} px (10 topics), ${proposals.transcriptVisible} px (proposals); header ${header!.height} px\n`);
    // The conversation owns the screen: at least half of it even with ten buttons shown.
    expect(welcome.transcriptVisible).toBeGreaterThan(height * 0.6);
    expect(topics.transcriptVisible).toBeGreaterThan(150);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('coming back to the conversation', () => {
  let context: BrowserContext;
  afterEach(async () => { shiftMs = 0; await context?.close(); });

  it('a reload replays the transcript and the booking goes on where it was', async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${run.base}/widget`);
    await shows(page, /Bonjour/);
    await send(page, 'un rendez-vous pour la CAF pour moi');
    await shows(page, /commune/);
    await send(page, 'Rezé');
    await shows(page, /Quand/);

    await page.reload();
    const replayed = await shows(page, /Quand/);
    expect(replayed).toMatch(/Bonjour[\s\S]*CAF[\s\S]*Rezé[\s\S]*Quand/);
    // Greeted once: the reload joins the conversation, it does not start a new one.
    await expect(page.locator('.webchat__bubble__content', { hasText: 'Bonjour, je suis' }).count()).resolves.toBe(1);
    await send(page, 'dès que possible');
    await shows(page, /rendez-vous possibles/);
  });

  it('the next day, "c\'est quand le rendez-vous ?" finds the booking made in that browser', async () => {
    context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${run.base}/widget`);
    await shows(page, /Bonjour/);
    await send(page, 'je voudrais un rendez-vous pour ma mère pour les impôts');
    await shows(page, /commune/);
    await send(page, '44400');
    await shows(page, /Quand/);
    await send(page, 'dans une semaine');
    await shows(page, /possible/);
    await page.locator('.webchat__suggested-action').first().click();
    await shows(page, /nom et/);
    await send(page, 'Odette Leroy');
    await shows(page, /portable/);
    await send(page, '06 11 22 33 44');
    await shows(page, /recevoir des SMS/);
    await page.locator('.webchat__suggested-action', { hasText: 'Oui' }).click();
    await shows(page, /Je récapitule/);
    await page.locator('.webchat__suggested-action', { hasText: 'Oui' }).click();
    const done = await shows(page, /C'est noté/);
    const ref = /([2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3})/.exec(done.slice(done.indexOf("C'est noté")))![1];
    await page.close();

    shiftMs = 24 * 3600_000 + 5 * 60_000; // the next day, the browser closed in between
    const next = await context.newPage();
    await next.goto(`${run.base}/widget`);
    await shows(next, new RegExp(ref));
    await send(next, "c'est quand le rendez-vous ?");
    await shows(next, new RegExp(`c'est quand le rendez-vous \\?[\\s\\S]*Votre rendez-vous[\\s\\S]*${ref}`));
    const reply = await next.locator('.webchat__stacked-layout:not(.webchat__stacked-layout--from-user)').last().innerText();
    expect(reply).toMatch(new RegExp(`Votre rendez-vous[\\s\\S]*en attente de confirmation[\\s\\S]*${ref}`));
    await next.screenshot({ path: path.join(ARTIFACTS, 'widget-next-day.png') });
  });

  it('a forged or expired resume token starts a new conversation, never someone else\'s', async () => {
    const post = (body: unknown) => fetch(`${run.base}/api/widget/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ conversationId: string; resume: string; resumed: boolean }>);
    const first = await post({});
    expect(first.resumed).toBe(false);
    // No log yet (the page never started it): nothing to come back to.
    expect((await post({ resume: first.resume })).resumed).toBe(false);
    const forged = await post({ resume: first.resume.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) });
    expect(forged).toMatchObject({ resumed: false });
    expect(forged.conversationId).not.toBe(first.conversationId);
    const bad = await fetch(`${run.base}/api/widget/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ resume: 12 }) });
    expect(bad.status).toBe(400);
  });
});

describe('the embed on a partner\'s page', () => {
  it('opens full screen on a phone with a visible close button; Escape inside the frame closes it and focus returns to the launcher', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${partnerOrigin}/`);
    const launcher = page.getByRole('button', { name: 'Prendre rendez-vous' });
    await launcher.click();
    const dialog = page.getByRole('dialog');
    const box = await dialog.boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
    const close = page.getByRole('button', { name: 'Fermer' });
    const cb = (await close.boundingBox())!;
    const onTop = await page.evaluate(([x, y]) => (document.elementFromPoint(x, y) as HTMLElement | null)?.textContent, [cb.x + cb.width / 2, cb.y + cb.height / 2]);
    expect(onTop).toBe('Fermer');
    expect(cb.y + cb.height).toBeLessThanOrEqual(844);

    const frame = page.frameLocator('iframe');
    await frame.locator('.webchat__text-content').getByText(/Bonjour/).first().waitFor({ timeout: 15_000 });
    const input = frame.locator('.webchat__send-box input, .webchat__send-box textarea').first();
    await input.click();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
    await page.screenshot({ path: path.join(ARTIFACTS, 'embed-390x844-open.png') });
    await input.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('les-connectes-widget-button');

    // Escape with focus on the partner's side of the dialog (its close button) closes it too.
    await launcher.click();
    await page.getByRole('button', { name: 'Fermer' }).press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 5_000 });
    await context.close();
  });
});
