// How one turn's replies become SMS: GSM-7 only, merged into as few messages as fit.
import { toGsm7, septets } from './gsm7';

const SINGLE = 160;
const MAX_SEGMENTS = 3;
const MAX_SEPTETS = 153 * MAX_SEGMENTS;

/** Whether a text, once in GSM-7, is one SMS segment (160 septets). */
export function fitsOneSegment(text: string): boolean {
  return septets(toGsm7(text).trim()) <= SINGLE;
}

/**
 * Of texts saying the same thing in order of preference (fullest first), the first that fits
 * one SMS segment once in GSM-7, else the shortest: every segment is paid for.
 */
export function fitOneSegment(texts: readonly string[]): string {
  if (!texts.length) throw new Error('fitOneSegment: no text');
  const fit = texts.find(fitsOneSegment);
  if (fit !== undefined) return fit;
  return texts.reduce((best, x) => (septets(toGsm7(x)) < septets(toGsm7(best)) ? x : best));
}

/** Cut a long text at line or sentence ends so that no message exceeds three segments. */
function splitLong(text: string): string[] {
  if (septets(text) <= MAX_SEPTETS) return [text];
  const parts: string[] = [];
  let current = '';
  for (const piece of text.split(/(?<=\n)|(?<=[.?!] )/)) {
    if (current && septets(current + piece) > MAX_SEPTETS) { parts.push(current.trim()); current = ''; }
    current += piece;
  }
  if (current.trim()) parts.push(current.trim());
  return parts.flatMap((p) => (septets(p) <= MAX_SEPTETS ? [p] : p.match(/[\s\S]{1,450}/g) ?? []));
}

/** Replies of one turn → SMS bodies: transliterated, merged while a single SMS still holds them. */
export function smsBodies(replies: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of replies) {
    const text = toGsm7(raw).trim();
    if (!text) continue;
    const last = out[out.length - 1];
    if (last !== undefined && septets(last) + 1 + septets(text) <= SINGLE) out[out.length - 1] = `${last}\n${text}`;
    else out.push(text);
  }
  return out.flatMap(splitLong);
}
