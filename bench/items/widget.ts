// Item 7: what the /widget page costs a visitor: gzipped JavaScript bytes it loads, and the
// time from navigation to the bot's first message, in headless Chromium on loopback.
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import type { ServerUnderTest } from '../lib/proc';
import { median, fmt } from '../lib/stats';
import { log, type Section } from '../lib/report';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const KiB = 1024;

/** Bytes on the wire with Accept-Encoding: gzip (and whether the server compressed). */
function wireBytes(url: string): Promise<{ wire: number; raw: number; gzipped: boolean; gzipOfRaw: number }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const gzipped = res.headers['content-encoding'] === 'gzip';
        const raw = gzipped ? zlib.gunzipSync(body) : body;
        resolve({ wire: body.length, raw: raw.length, gzipped, gzipOfRaw: zlib.gzipSync(raw).length });
      });
    }).on('error', reject);
  });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

export async function runWidget(o: { server: ServerUnderTest; loads: number; browser: Promise<Browser> }): Promise<Section> {
  const title = '7. Widget: /widget in headless Chromium';
  const header = ['script', 'raw KiB', 'on the wire KiB', 'served gzipped?'];
  if (!fs.existsSync(path.resolve(__dirname, '../../src/widget/page.ts')) || !fs.existsSync(CHROMIUM)) {
    await o.browser.then((b) => b.close(), () => undefined);
    return { title, header, rows: [['not measured yet', '—', '—', '—']], bars: [{ what: 'widget', value: 'not measured yet', bar: '≤ 500 KiB', met: null }], notes: [`src/widget or ${CHROMIUM} missing.`] };
  }
  const server = o.server;
  const browser = await o.browser;
  try {
    const times: number[] = [];
    const scripts = new Set<string>();
    for (let i = 0; i < o.loads; i++) {
      const context = await browser.newContext({ locale: 'fr-FR' }); // a first visit each time: empty cache
      const page = await context.newPage();
      page.on('request', (r) => { if (r.resourceType() === 'script') scripts.add(r.url()); });
      const t0 = performance.now();
      await page.goto(`${server.base}/widget`);
      await page.locator('.webchat__basic-transcript').getByText(/Bonjour/).first().waitFor({ timeout: 20_000 });
      times.push(performance.now() - t0);
      await context.close();
    }
    const rows: string[][] = [];
    let wire = 0;
    for (const url of [...scripts].sort()) {
      const b = await wireBytes(url);
      // What a visitor downloads: the wire bytes when the server gzips, else what gzip would give.
      wire += b.gzipped ? b.wire : b.gzipOfRaw;
      rows.push([new URL(url).pathname, fmt(b.raw / KiB), fmt(b.wire / KiB), b.gzipped ? 'yes' : `no (gzip would give ${fmt(b.gzipOfRaw / KiB)} KiB)`]);
    }
    const first = median(times);
    rows.push(['**total JavaScript, gzipped**', '', fmt(wire / KiB), '']);
    log(`widget: ${fmt(wire / KiB)} KiB gzipped JS, first bot message after ${fmt(first, 0)} ms (median of ${o.loads})`);
    return {
      title, header, rows,
      bars: [
        { what: 'JavaScript the page loads, gzipped', value: `${fmt(wire / KiB)} KiB`, bar: '≤ 500 KiB', met: wire <= 500 * KiB },
        { what: 'page load → first bot message (median)', value: `${fmt(first, 0)} ms (${o.loads} cold loads: ${times.map((t) => fmt(t, 0)).join(', ')} ms)`, bar: 'reported', met: null },
      ],
      notes: ['Each load is a fresh browser context (empty cache); the time runs from page.goto to the first bot bubble containing "Bonjour" in the transcript.'],
    };
  } finally {
    await browser.close();
  }
}
