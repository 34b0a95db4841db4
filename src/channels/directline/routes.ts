// HTTP side of the Direct Line 3.0 subset (polling only) and of the widget token. Every input
// is validated; errors are JSON `{ error: { code, message, field? } }` like Direct Line's.
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../../log';
import { bearer, CONVERSATION_ID, newUserId, verifyToken, type TokenClaims } from './token';
import { firstIssue, PostActivitySchema, StartConversationSchema, WatermarkSchema, WidgetTokenSchema } from './schemas';
import { RateLimitedError, type DirectLineConversations, type NewConversationLimit } from './conversations';
import type { ClientAddress } from '../../client-address';

export const DIRECTLINE_PREFIX = '/v3/directline';

export interface DirectLineRouteDeps {
  conversations: DirectLineConversations;
  /** The client's address (TRUST_PROXY-aware) and how many new conversations it may open. */
  clientAddress: ClientAddress;
  newConversations: NewConversationLimit;
  secret: string;
  publicBaseUrl?: string;
  logger: Logger;
  now: () => Date;
}

export function fail(res: Response, status: number, code: string, message: string, field?: string): void {
  res.status(status);
  res.json({ error: { code, message, ...(field ? { field } : {}) } });
}

/** Base URL for links we hand out (the public one when configured, else what the client called). */
export function publicBase(req: Request, configured?: string): string {
  if (configured) return configured.replace(/\/+$/, '');
  return `${req.isSecure() ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
}

type Auth = { ok: true; claims: TokenClaims } | { ok: false };

/** 401 without a (well-formed, genuine) token, 403 when expired or for another conversation. */
function authorize(req: Request, res: Response, deps: DirectLineRouteDeps, conversationId?: string): Auth {
  const token = bearer(req.headers.authorization);
  if (!token) { fail(res, 401, 'Unauthorized', 'Missing Authorization: Bearer token'); return { ok: false }; }
  const v = verifyToken(deps.secret, token, 'dl', deps.now().getTime());
  if (!v.ok) {
    if (v.reason === 'expired') fail(res, 403, 'TokenExpired', 'Token expired');
    else fail(res, 401, 'Unauthorized', 'Invalid token');
    return { ok: false };
  }
  if (conversationId !== undefined && v.claims.conversationId !== conversationId) {
    fail(res, 403, 'Forbidden', 'This token is not valid for this conversation');
    return { ok: false };
  }
  return v;
}

function conversationParam(req: Request, res: Response): string | undefined {
  const id = String(req.params?.id ?? '');
  if (!CONVERSATION_ID.test(id)) { fail(res, 400, 'BadArgument', 'id: not a conversation id', 'id'); return undefined; }
  return id;
}

function parse<T>(schema: z.ZodType<T>, value: unknown, res: Response): T | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const { field, message } = firstIssue(r.error);
  fail(res, 400, 'BadArgument', message, field);
  return undefined;
}

export function registerDirectLineRoutes(server: Server, deps: DirectLineRouteDeps): void {
  const { conversations } = deps;
  const P = DIRECTLINE_PREFIX;

  /** 429 + Retry-After once this address opened its share of new conversations. */
  async function admitted(req: Request, res: Response): Promise<boolean> {
    if (await conversations.admitNew(deps.clientAddress(req), deps.newConversations)) return true;
    res.header('Retry-After', String(Math.ceil(deps.newConversations.windowMs / 1000)));
    fail(res, 429, 'TooManyRequests', 'Too many new conversations from this address, try again later');
    return false;
  }

  // The widget page (and partners' own Web Chat) get a token for one new conversation, or,
  // with the resume token the page kept, for the conversation it had (reload, next day).
  // A resume token that is expired, forged or whose conversation is gone gives a new one.
  server.post('/api/widget/token', async (req: Request, res: Response) => {
    let resume: TokenClaims | undefined;
    if (req.body !== undefined && req.body !== null && req.body !== '') {
      const body = parse(WidgetTokenSchema, req.body, res);
      if (!body) return;
      if (body.resume) {
        const v = verifyToken(deps.secret, body.resume, 'resume', deps.now().getTime());
        if (v.ok) resume = v.claims;
      }
    }
    // Resuming one's own conversation costs nothing; a new one counts against the address.
    if (!resume && !(await admitted(req, res))) return;
    const g = await conversations.grantWidget(resume);
    res.header('Cache-Control', 'no-store');
    res.json(200, {
      token: g.token, conversationId: g.conversationId, userId: g.userId, expires_in: g.expires_in,
      resume: g.resume, resumed: g.resumed,
    });
  });

  // Start: with a widget token, that token's conversation; without one, a new conversation.
  server.post(`${P}/conversations`, async (req: Request, res: Response) => {
    if (req.body !== undefined && parse(StartConversationSchema, req.body, res) === undefined) return;
    let claims: TokenClaims;
    if (bearer(req.headers.authorization)) {
      const auth = authorize(req, res, deps);
      if (!auth.ok) return;
      claims = auth.claims;
    } else {
      if (!(await admitted(req, res))) return;
      const g = conversations.grantNew();
      claims = { kind: 'dl', conversationId: g.conversationId, userId: g.userId, exp: 0 };
    }
    const g = await conversations.start(claims);
    res.header('Cache-Control', 'no-store');
    res.json(201, { conversationId: g.conversationId, token: g.token, expires_in: g.expires_in });
  });

  // Reconnect (directlinejs calls it with the conversation id it already has).
  server.get(`${P}/conversations/:id`, async (req: Request, res: Response) => {
    const id = conversationParam(req, res);
    if (!id) return;
    const auth = authorize(req, res, deps, id);
    if (!auth.ok) return;
    const g = conversations.grant(id, auth.claims.userId || newUserId());
    res.header('Cache-Control', 'no-store');
    res.json(200, { conversationId: id, token: g.token, expires_in: g.expires_in });
  });

  server.get(`${P}/conversations/:id/activities`, async (req: Request, res: Response) => {
    const id = conversationParam(req, res);
    if (!id) return;
    const auth = authorize(req, res, deps, id);
    if (!auth.ok) return;
    const q = parse(WatermarkSchema, req.query ?? {}, res);
    if (!q) return;
    const set = await conversations.read(id, q.watermark ? Number(q.watermark) : 0);
    res.header('Cache-Control', 'no-store');
    res.json(200, set);
  });

  server.post(`${P}/conversations/:id/activities`, async (req: Request, res: Response) => {
    const id = conversationParam(req, res);
    if (!id) return;
    const auth = authorize(req, res, deps, id);
    if (!auth.ok) return;
    if (!req.is('json')) return fail(res, 400, 'BadArgument', 'Expected a JSON activity (Content-Type: application/json)', '(body)');
    const body = parse(PostActivitySchema, req.body, res);
    if (!body) return;
    try {
      const activityId = await conversations.post(auth.claims, body, publicBase(req, deps.publicBaseUrl));
      res.json(200, { id: activityId });
    } catch (err) {
      if (!(err instanceof RateLimitedError)) {
        // Redis down: the log cannot hold a reply either; say so (not a 500 naming the error).
        deps.logger.error('direct line post failed', { err });
        res.header('Retry-After', '60');
        return fail(res, 503, 'ServiceUnavailable', 'The service is unavailable, try again in a few minutes');
      }
      res.header('Retry-After', String(Math.ceil(err.retryAfterMs / 1000)));
      fail(res, 429, 'TooManyRequests', 'Too many messages in this conversation, try again later');
    }
  });

  server.post(`${P}/tokens/refresh`, async (req: Request, res: Response) => {
    const auth = authorize(req, res, deps);
    if (!auth.ok) return;
    const g = conversations.grant(auth.claims.conversationId, auth.claims.userId || newUserId());
    res.header('Cache-Control', 'no-store');
    res.json(200, { conversationId: g.conversationId, token: g.token, expires_in: g.expires_in });
  });
}
