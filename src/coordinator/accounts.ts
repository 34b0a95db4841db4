// Coordinator accounts: permanent store records. A token is shown once and kept only as its
// SHA-256 (a 256-bit random token needs no slow hash); a password is kept as scrypt with a
// per-account salt. A token index (hash → account id) makes a bearer check one lookup.
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { RecordsPort } from '../store/records';

const scrypt = promisify(crypto.scrypt) as (pw: crypto.BinaryLike, salt: crypto.BinaryLike, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

export const ACCOUNTS_NS = 'coordinator:accounts';
export const TOKENS_NS = 'coordinator:tokens';
export const MIN_PASSWORD_LENGTH = 12;
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

export const AccountSchema = z.object({
  id: z.string(),
  name: z.string().min(1).max(120),
  territory: z.string(),
  tokenHash: z.string(),
  /** `scrypt$N$r$p$salt$hash` (base64url parts). */
  passwordHash: z.string().optional(),
  createdAt: z.number(),
  revokedAt: z.number().optional(),
});
export type Account = z.infer<typeof AccountSchema>;

/** What may be shown about an account (never a hash). */
export interface AccountInfo { id: string; name: string; territory: string; createdAt: number; revoked: boolean; hasPassword: boolean }

export function accountInfo(a: Account): AccountInfo {
  return { id: a.id, name: a.name, territory: a.territory, createdAt: a.createdAt, revoked: a.revokedAt !== undefined, hasPassword: !!a.passwordHash };
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): string {
  return `cxc_${crypto.randomBytes(32).toString('base64url')}`;
}

function newAccountId(): string {
  return `co-${crypto.randomBytes(5).toString('hex')}`;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const { N, r, p, keylen } = SCRYPT;
  const hash = await scrypt(password.normalize('NFC'), salt, keylen, { N, r, p, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const got = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return got.length === expected.length && crypto.timingSafeEqual(got, expected);
}

function parseAccount(v: unknown): Account | null {
  const r = AccountSchema.safeParse(v);
  return r.success ? r.data : null;
}

export class Accounts {
  constructor(private readonly records: RecordsPort, private readonly now: () => number = Date.now) {}

  /** Creates an account; the token is returned here and nowhere else. */
  async add(input: { name: string; territory: string; password?: string }): Promise<{ account: AccountInfo; token: string }> {
    const name = input.name.trim();
    if (!name) throw new Error('name must not be empty');
    if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
      throw new Error(`password must have at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    const token = newToken();
    const account: Account = {
      id: newAccountId(), name, territory: input.territory, tokenHash: hashToken(token), createdAt: this.now(),
      ...(input.password !== undefined ? { passwordHash: await hashPassword(input.password) } : {}),
    };
    // Index first: an index entry without its account is ignored on read.
    await this.records.put(TOKENS_NS, account.tokenHash, account.id);
    await this.records.put(ACCOUNTS_NS, account.id, account);
    return { account: accountInfo(account), token };
  }

  async get(id: string): Promise<Account | null> {
    return parseAccount(await this.records.get(ACCOUNTS_NS, id));
  }

  async list(): Promise<AccountInfo[]> {
    return (await this.records.list(ACCOUNTS_NS)).map((r) => parseAccount(r.value)).filter((a): a is Account => a !== null).map(accountInfo);
  }

  /** Revoked accounts keep their record (the audit trail names them) but no longer sign in. */
  async revoke(id: string): Promise<boolean> {
    const a = await this.get(id);
    if (!a) return false;
    await this.records.put(ACCOUNTS_NS, id, { ...a, revokedAt: a.revokedAt ?? this.now() });
    await this.records.delete(TOKENS_NS, a.tokenHash);
    return true;
  }

  /** The active account of a bearer token, or null (unknown, revoked). */
  async byToken(token: string): Promise<Account | null> {
    if (!token || token.length > 200) return null;
    const hash = hashToken(token);
    const id = await this.records.get(TOKENS_NS, hash);
    if (typeof id !== 'string') return null;
    const a = await this.get(id);
    return a && a.revokedAt === undefined && a.tokenHash === hash ? a : null;
  }

  async byPassword(id: string, password: string): Promise<Account | null> {
    if (!id || !password || password.length > 200) return null;
    const a = await this.get(id.trim());
    if (!a || !a.passwordHash || a.revokedAt !== undefined) return null;
    return (await verifyPassword(password, a.passwordHash)) ? a : null;
  }

  /** Active account by id (sessions re-check it on every request: revocation is immediate). */
  async active(id: string): Promise<Account | null> {
    const a = await this.get(id);
    return a && a.revokedAt === undefined ? a : null;
  }
}
