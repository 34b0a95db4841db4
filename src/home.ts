// GET /: a small page for whoever opens the server's address (a newcomer, a partner): what
// this is, and links to the web chat and the coordinators' page. Text from locales/fr.json.
import type { Request, Response, Server } from 'restify';
import { t } from './i18n';
import { escapeMarkup as escapeHtml } from './markup';

export function renderHome(): string {
  const link = (href: string, key: string) => `<li><a href="${href}">${escapeHtml(t(key))}</a></li>`;
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${escapeHtml(t('home.title'))}</title>
<style>body{font-family:system-ui,sans-serif;font-size:1.1rem;line-height:1.5;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}a{color:#0b4f9c}</style></head>
<body><main><h1>${escapeHtml(t('home.title'))}</h1><p>${escapeHtml(t('home.intro'))}</p>
<ul>${link('/widget', 'home.widget')}${link('/coordinator', 'home.coordinator')}</ul></main></body>
</html>`;
}

export function registerHome(server: Server): void {
  const body = renderHome();
  server.get('/', async (_req: Request, res: Response) => {
    res.sendRaw(200, body, {
      'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
    });
  });
}
