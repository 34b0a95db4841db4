// Page sessions: a random id in an HttpOnly, SameSite=Strict cookie; the server keeps
// (account, CSRF token, expiry) as a store document under the id's hash, so that every
// process sees it and signing out or revoking the account ends it at once.
import crypto from 'node:crypto';
import type { DocumentsPort } from '../../../store/documents';

export const SESSION_COOKIE = 'cx_coord';
export const SESSION_MS = 8 * 3600_000;

export interface Session { id: string; accountId: string; csrf: string; expiresAt: number }

const docKey = (id: string) => `coordinator:session:${crypto.createHash('sha256').update(id).digest('hex')}`;

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const k = part.slice(0, i).trim();
    if (!(k in out)) out[k] = part.slice(i + 1).trim();
  }
  return out;
}

export function sessionCookie(value: string, opts: { secure: boolean; maxAgeS: number }): string {
  return [
    `${SESSION_COOKIE}=${value}`, 'Path=/coordinator', 'HttpOnly', 'SameSite=Strict', `Max-Age=${opts.maxAgeS}`,
    ...(opts.secure ? ['Secure'] : []),
  ].join('; ');
}

/** Constant-time comparison of two strings (CSRF tokens). */
export function sameSecret(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export class Sessions {
  constructor(private readonly documents: DocumentsPort, private readonly now: () => number = Date.now) {}

  async create(accountId: string): Promise<Session> {
    const s: Session = {
      id: crypto.randomBytes(32).toString('base64url'), accountId,
      csrf: crypto.randomBytes(24).toString('base64url'), expiresAt: this.now() + SESSION_MS,
    };
    const { id: _id, ...value } = s;
    await this.documents.write({ [docKey(s.id)]: { value } });
    return s;
  }

  async get(id: string | undefined): Promise<Session | null> {
    if (!id || !/^[A-Za-z0-9_-]{20,100}$/.test(id)) return null;
    const key = docKey(id);
    const v = (await this.documents.read([key]))[key]?.value as Omit<Session, 'id'> | undefined;
    if (!v || typeof v.accountId !== 'string' || typeof v.csrf !== 'string') return null;
    if (!(v.expiresAt > this.now())) {
      await this.documents.delete([key]);
      return null;
    }
    return { id, ...v };
  }

  async destroy(id: string): Promise<void> {
    await this.documents.delete([docKey(id)]);
  }
}
