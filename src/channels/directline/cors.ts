// CORS for the widget's HTTP API (restify has none built in). Browsers send `Origin` on
// cross-origin calls and on same-origin POSTs: our own pages are always allowed, other sites
// only when listed in ALLOWED_ORIGINS ("*" = any).
import type { Request, Response, Next } from 'restify';

export const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', 'x-ms-bot-agent', 'accept'];
const ALLOWED_METHODS = 'GET, POST, OPTIONS';

export interface OriginPolicy {
  allowedOrigins: readonly string[];
  publicBaseUrl?: string;
}

function originOf(url: string): string | undefined {
  try { return new URL(url).origin; } catch { return undefined; }
}

/** Is this Origin header acceptable for a request that arrived with this Host header? */
export function originAllowed(origin: string, host: string | undefined, policy: OriginPolicy): boolean {
  const o = originOf(origin);
  if (!o) return false;
  if (policy.allowedOrigins.includes('*')) return true;
  if (host && new URL(o).host === host.toLowerCase()) return true; // same origin
  if (policy.publicBaseUrl && originOf(policy.publicBaseUrl) === o) return true;
  return policy.allowedOrigins.some((a) => originOf(a) === o);
}

/** Headers a preflight asks for that we do not accept (empty = fine). */
export function refusedHeaders(requested: string | undefined): string[] {
  return (requested ?? '').split(',').map((h) => h.trim().toLowerCase()).filter((h) => h && !CORS_ALLOWED_HEADERS.includes(h));
}

/** A restify `pre` handler answering preflights and tagging responses for the given path prefixes. */
export function corsPre(prefixes: readonly string[], policy: OriginPolicy) {
  return (req: Request, res: Response, next: Next): void => {
    const path = (req.url ?? '').split('?')[0];
    if (!prefixes.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`) || path.startsWith(`${p}.`))) return next();
    const origin = req.headers.origin;
    res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      const method = String(req.headers['access-control-request-method'] ?? '').toUpperCase();
      const ok = typeof origin === 'string' && originAllowed(origin, req.headers.host, policy)
        && ['GET', 'POST'].includes(method)
        && refusedHeaders(req.headers['access-control-request-headers'] as string | undefined).length === 0;
      if (!ok) {
        res.status(403);
        res.json({ error: { code: 'Forbidden', message: 'CORS preflight refused (origin, method or headers not allowed)' } });
        return next(false);
      }
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.setHeader('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS.join(', '));
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204);
      res.end();
      return next(false);
    }
    if (typeof origin === 'string') {
      if (!originAllowed(origin, req.headers.host, policy)) {
        res.status(403);
        res.json({ error: { code: 'Forbidden', message: 'Origin not allowed' } });
        return next(false);
      }
      res.setHeader('Access-Control-Allow-Origin', origin);
    }
    return next();
  };
}
