// HTTP routes only: each route validates its input and hands over to the right module.
import restify, { type Request, type Response, type Server } from 'restify';
import type { TurnContext } from 'botbuilder';
import type { BookingBot } from './bot';
import type { Config } from './config';
import type { Logger } from './log';
import { channelLabel, type Metrics } from './metrics';
import type { Store } from './store/store';
import { parseOrigin, serviceUrlAllowed, type Origin } from './origin';
import { guardHttpServer } from './http-guard';
import { answerError, storeUnavailable } from './http-errors';
import { trustCheck } from './client-address';
import { e164Sender, setTurnOrigin, type TurnOrigin } from './bot/identity';
import type { ActivityAdapter } from './activity-request';

export const MAX_BODY_BYTES = 64 * 1024;

export interface ServerDeps {
  config: Config;
  adapter: ActivityAdapter;
  bot: BookingBot;
  store: Store;
  logger: Logger;
  metrics: Metrics;
}

export function jsonError(res: Response, status: number, code: string, message: string): void {
  res.status(status);
  res.json({ error: { code, message } });
}

/**
 * Without an app id, CloudAdapter checks no credentials and posts replies to whatever
 * serviceUrl the caller gives: only expectReplies or allow-listed serviceUrls (exact scheme,
 * host and port) are accepted.
 */
export function anonymousCallAllowed(body: unknown, allowed: readonly string[]): boolean {
  if (!body || typeof body !== 'object') return false;
  const a = body as { deliveryMode?: unknown; serviceUrl?: unknown };
  if (a.deliveryMode === 'expectReplies') return true;
  if (typeof a.serviceUrl !== 'string') return false;
  const origins = allowed.map(parseOrigin).filter((o): o is Origin => o !== undefined);
  return serviceUrlAllowed(a.serviceUrl, origins);
}

/**
 * What a /api/messages turn proved. Without an app id nobody checked anything: the turn is
 * anonymous. With one, CloudAdapter has checked the Bot Framework JWT, so Azure's own SMS
 * channel vouches for the sender's number.
 */
export function messagesOrigin(ctx: TurnContext, anonymous: boolean): TurnOrigin {
  if (anonymous) return { kind: 'anonymous' };
  const number = ctx.activity.channelId === 'sms' ? e164Sender(ctx.activity.from?.id) : undefined;
  return number ? { kind: 'proven-sms', number } : { kind: 'channel' };
}

export function buildServer(deps: ServerDeps): Server {
  const { config, adapter, bot, store, logger, metrics } = deps;
  const server = restify.createServer({ name: 'les-connectes-bot', handleUncaughtExceptions: false });
  guardHttpServer(server.server, config.http, trustCheck(config.trustProxy));
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: false }));

  server.get('/healthz', async (_req: Request, res: Response) => {
    const ok = await store.ping().catch(() => false);
    res.status(ok ? 200 : 503);
    res.json({ status: ok ? 'ok' : 'unavailable', store: store.kind });
  });

  server.get('/metrics', async (_req: Request, res: Response) => {
    const body = await metrics.registry.metrics();
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.sendRaw(200, body);
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (!req.is('json') || !req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
      return jsonError(res, 400, 'BadRequest', 'Expected a JSON Bot Framework activity');
    }
    if (config.bot.allowAnonymous && !anonymousCallAllowed(req.body, config.allowedServiceUrls)) {
      logger.warn('anonymous call refused: serviceUrl not allowed');
      return jsonError(res, 403, 'Forbidden', 'serviceUrl not allowed in anonymous mode (use deliveryMode "expectReplies")');
    }
    const channel = channelLabel((req.body as { channelId?: unknown }).channelId);
    const end = metrics.turnSeconds.startTimer({ channel });
    metrics.turns.inc({ channel });
    try {
      await adapter.processRequest(req, res, (ctx) => {
        setTurnOrigin(ctx, messagesOrigin(ctx, config.bot.allowAnonymous));
        return bot.run(ctx);
      });
    } finally {
      end();
    }
  });

  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number }, cb: () => void) => {
    // restify's 4xx already render as JSON; a thrown error never shows its message (issue 9):
    // 503 + Retry-After when the store is not answering, else a bare 500.
    if ((err.statusCode ?? 500) >= 500 || storeUnavailable(err)) logger.error('request failed', { path: req.path(), err });
    answerError(res, err);
    return cb();
  });
  return server;
}
