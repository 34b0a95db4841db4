// Server side of the widget: the page, the embed script, the static bundles and the
// calendar file of a booking made in the chat.
import type { Request, Response, Server } from 'restify';
import type { Catalogue } from '../booking/catalogue';
import type { Store } from '../store/store';
import { bearer, verifyToken } from '../channels/directline/token';
import { fail, publicBase } from '../channels/directline/routes';
import { acceptsGzip, loadWidgetAssets, makeAsset, type Asset, type WebChatBundle } from './assets';
import { renderEmbedScript, renderWidgetPage } from './page';
import { bookingIcs } from './ics';
import { isActive } from '../booking/lifecycle';
import { REF_CODE_PATTERN } from '../booking/refcode';
import { helplines } from '../booking/helplines';

export interface WidgetRouteDeps {
  catalogue: Catalogue;
  store: Pick<Store, 'bookings'>;
  secret: string;
  allowedOrigins: readonly string[];
  publicBaseUrl?: string;
  bundle: WebChatBundle;
  now: () => Date;
}

const REF_FILE = new RegExp(`^(${REF_CODE_PATTERN})\\.ics$`);

/** Who may show /widget in a frame: ourselves and the partner sites of ALLOWED_ORIGINS. */
export function frameAncestors(allowed: readonly string[]): string {
  if (allowed.includes('*')) return '*';
  const origins = allowed.flatMap((a) => { try { return [new URL(a).origin]; } catch { return []; } });
  return ["'self'", ...origins].join(' ');
}

function sendAsset(req: Request, res: Response, asset: Asset, cacheControl: string): void {
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('ETag', asset.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (req.headers['if-none-match'] === asset.etag) { res.writeHead(304); res.end(); return; }
  const gzip = acceptsGzip(req.headers['accept-encoding']);
  const body = gzip ? asset.gzip : asset.body;
  res.writeHead(200, {
    'Content-Type': asset.contentType,
    'Content-Length': String(body.length),
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
  res.end(body);
}

export function registerWidgetRoutes(server: Server, deps: WidgetRouteDeps): void {
  const csp = [
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
    "connect-src 'self'", "font-src 'self' data:", "media-src 'self' data: blob:", "object-src 'none'",
    "base-uri 'none'", "form-action 'none'", `frame-ancestors ${frameAncestors(deps.allowedOrigins)}`,
  ].join('; ');

  server.get('/widget', async (req: Request, res: Response) => {
    const assets = loadWidgetAssets(deps.bundle);
    const html = renderWidgetPage({
      webchatUrl: assets.webchat.path,
      appUrl: assets.app.path,
      helplines: helplines(deps.catalogue),
      embedded: (req.query as Record<string, unknown> | undefined)?.embed === '1',
    });
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-cache');
    res.sendRaw(200, html, { 'Content-Type': 'text/html; charset=utf-8' });
  });

  server.get('/widget/:file', async (req: Request, res: Response) => {
    const assets = loadWidgetAssets(deps.bundle);
    const asset = [assets.webchat, assets.app].find((a) => a.path === `/widget/${String(req.params?.file ?? '')}`);
    if (!asset) return fail(res, 404, 'NotFound', 'No such file');
    sendAsset(req, res, asset, 'public, max-age=31536000, immutable');
  });

  let embed: Asset | undefined;
  server.get('/widget.js', async (req: Request, res: Response) => {
    embed ??= makeAsset('embed', 'js', Buffer.from(renderEmbedScript(publicBase(req, deps.publicBaseUrl))), 'application/javascript; charset=utf-8');
    // A fixed URL on partners' pages: cached for an hour, revalidated by ETag after that.
    res.setHeader('Access-Control-Allow-Origin', '*');
    sendAsset(req, res, embed, 'public, max-age=3600');
  });

  // The .ics of a booking: with the link's own token (bound to that booking), or with the
  // Direct Line token of the conversation that made it. Anyone else gets 403.
  server.get('/api/widget/bookings/:file', async (req: Request, res: Response) => {
    const m = REF_FILE.exec(String(req.params?.file ?? ''));
    if (!m) return fail(res, 400, 'BadArgument', 'ref: expected a reference like K7P-42Q followed by .ics', 'ref');
    const ref = m[1];
    const q = (req.query ?? {}) as Record<string, unknown>;
    const linkToken = typeof q.t === 'string' ? q.t : undefined;
    const headerToken = bearer(req.headers.authorization);
    if (!linkToken && !headerToken) return fail(res, 401, 'Unauthorized', 'Missing token');
    const v = linkToken
      ? verifyToken(deps.secret, linkToken, 'ics', deps.now().getTime())
      : verifyToken(deps.secret, headerToken!, 'dl', deps.now().getTime());
    if (!v.ok) return v.reason === 'expired' ? fail(res, 403, 'TokenExpired', 'Token expired') : fail(res, 401, 'Unauthorized', 'Invalid token');
    if (linkToken && v.claims.ref !== ref) return fail(res, 403, 'Forbidden', 'This link is for another booking');
    const booking = await deps.store.bookings.get(ref);
    // Same answer for "not yours" and "does not exist": references cannot be probed.
    if (!booking || booking.conversationId !== v.claims.conversationId) return fail(res, 403, 'Forbidden', 'Not a booking of this conversation');
    if (!isActive(booking.status)) return fail(res, 410, 'Gone', 'This booking is cancelled');
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Content-Disposition', `attachment; filename="rendez-vous-${ref}.ics"`);
    res.sendRaw(200, bookingIcs(booking, deps.catalogue), { 'Content-Type': 'text/calendar; charset=utf-8' });
  });
}
