// Reference codes people can read out on the phone: 6 characters, no 0/O/1/I to confuse.
import crypto from 'node:crypto';

/** 32 symbols: digits 2-9 and letters without I and O (matches BookingSchema.ref). */
export const REF_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** The written form of a reference, `K7P-42Q`, as a pattern to embed (no anchors, one group-free run). */
export const REF_CODE_PATTERN = `[${REF_ALPHABET}]{3}-[${REF_ALPHABET}]{3}`;
/** A whole string that is a reference in its written form (BookingSchema.ref, URL parameters). */
export const REF_CODE = new RegExp(`^${REF_CODE_PATTERN}$`);

export function isRefCode(s: unknown): s is string {
  return typeof s === 'string' && REF_CODE.test(s);
}

/** `K7P-42Q`. `random` (values in [0, 1)) is for tests; the default is crypto-strong. */
export function newRefCode(random?: () => number): string {
  let code = '';
  for (let i = 0; i < 6; i++) {
    const n = random ? Math.min(REF_ALPHABET.length - 1, Math.floor(random() * REF_ALPHABET.length)) : crypto.randomInt(REF_ALPHABET.length);
    code += REF_ALPHABET[n];
    if (i === 2) code += '-';
  }
  return code;
}

/**
 * The reference a hold will get: derived from the hold's own random id, so that a commit
 * whose answer was lost (the process died) is found again from the same hold, not repeated.
 */
export function refCodeFor(seed: string): string {
  const bytes = crypto.createHash('sha256').update(`ref:${seed}`).digest();
  let code = '';
  for (let i = 0; i < 6; i++) {
    code += REF_ALPHABET[bytes[i] & 31]; // 32 symbols: no modulo bias
    if (i === 2) code += '-';
  }
  return code;
}

const CODE = new RegExp(`^([${REF_ALPHABET}]{3})[\\s.\\-_]*([${REF_ALPHABET}]{3})$`);

/** "k7p42q", "K7P 42Q", " k7p-42q " → "K7P-42Q"; anything else → null. */
export function normalizeRefCode(text: string): string | null {
  const m = CODE.exec(text.trim().toUpperCase());
  return m ? `${m[1]}-${m[2]}` : null;
}

/**
 * A code inside a sentence ("annuler K7P-42Q svp"). With a hyphen it is taken as is; glued
 * (k7p42q) or split by a space (k7p 42q) it needs a digit, so that "rendez" or "ben rdv" are
 * not codes, and among overlapping readings ("est k7p 42q") the one with most digits wins.
 */
export function findRefCode(text: string): string | null {
  const upper = text.toUpperCase();
  const sym = `[${REF_ALPHABET}]`;
  const edge = '(?<![0-9A-Z])';
  const end = '(?![0-9A-Z])';
  const hyphen = new RegExp(`${edge}(${sym}{3})-(${sym}{3})${end}`).exec(upper);
  if (hyphen) return `${hyphen[1]}-${hyphen[2]}`;
  let best: { code: string; digits: number } | null = null;
  // A lookahead finds overlapping candidates.
  for (const m of upper.matchAll(new RegExp(`${edge}(?=(${sym}{3})[\\s._]*(${sym}{3})${end})`, 'g'))) {
    const code = `${m[1]}-${m[2]}`;
    const digits = code.replace(/\D/g, '').length;
    if (digits > 0 && /[A-Z]/.test(code) && (!best || digits > best.digits)) best = { code, digits };
  }
  return best?.code ?? null;
}

/** Two bookings can never share a ref: the caller must draw a new one. */
export class DuplicateRefError extends Error {
  constructor(ref: string) {
    super(`duplicate booking ref ${ref}`);
    this.name = 'DuplicateRefError';
  }
}
