// Widget tokens: HMAC-signed, self-contained, bound to ONE conversation (or one booking's
// calendar file). No server-side session: any process with the same secret can check them.
import crypto from 'node:crypto';
import { z } from 'zod';

/**
 * 'dl': Direct Line access (30 min); 'ics': one booking's calendar file; 'resume': kept by
 * the widget page to come back to its conversation after a reload or the next day. A resume
 * token opens nothing by itself: the token route trades it for a fresh 'dl' token.
 */
export type TokenKind = 'dl' | 'ics' | 'resume';

export interface TokenClaims {
  kind: TokenKind;
  /** Conversation the token grants access to. */
  conversationId: string;
  /** Direct Line user id of the writer (kind 'dl'). */
  userId?: string;
  /** Booking reference (kind 'ics'). */
  ref?: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

export type VerifyResult =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-kind' };

const PREFIX = 'v1';
const ClaimsSchema = z.object({
  kind: z.enum(['dl', 'ics', 'resume']),
  conversationId: z.string().min(1).max(100),
  userId: z.string().max(100).optional(),
  ref: z.string().max(20).optional(),
  exp: z.number().int(),
});

function mac(secret: string, payload: string): Buffer {
  return crypto.createHmac('sha256', secret).update(`${PREFIX}.${payload}`).digest();
}

export function signToken(secret: string, claims: TokenClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${PREFIX}.${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** Checks signature, shape, kind and expiry (nowMs = the caller's clock). */
export function verifyToken(secret: string, token: string, kind: TokenKind, nowMs: number): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX || token.length > 1000) return { ok: false, reason: 'malformed' };
  const [, payload, sig] = parts;
  const expected = mac(secret, payload);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  let claims: TokenClaims;
  try {
    const parsed = ClaimsSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    claims = parsed.data;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.kind !== kind) return { ok: false, reason: 'wrong-kind' };
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

/** The token of an `Authorization: Bearer …` header; Direct Line JS sends "Bearer undefined" when it has none. */
export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m || m[1] === 'undefined' || m[1] === 'null') return undefined;
  return m[1];
}

export function newConversationId(): string {
  return `dl-${crypto.randomBytes(12).toString('base64url')}`;
}

export function newUserId(): string {
  return `web_${crypto.randomBytes(9).toString('base64url')}`;
}

export const CONVERSATION_ID = /^dl-[A-Za-z0-9_-]{16}$/;
