// The helplines people can call: one per territory of the loaded catalogue, never a list
// written by hand (a territory added to TERRITORIES_FILE gets its line everywhere).
import type { Catalogue } from './catalogue';

export interface Helpline {
  territoryId: string;
  /** Territory name, as the catalogue writes it ("Loire-Atlantique"). */
  territory: string;
  e164: string;
  /** How people read and dial it: "02 40 00 00 44". */
  display: string;
}

/** "+33240000044" → "02 40 00 00 44": how people read and dial a number. */
export function formatPhoneFr(e164: string): string {
  const m = /^\+33(\d{9})$/.exec(e164);
  if (!m) return e164;
  return `0${m[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/** Every territory's helpline, in catalogue order. */
export function helplines(catalogue: Pick<Catalogue, 'territories'>): Helpline[] {
  return [...catalogue.territories.values()].map((t) => ({ territoryId: t.id, territory: t.name, e164: t.helpline, display: formatPhoneFr(t.helpline) }));
}

/** The helpline of a territory, or undefined when the catalogue does not have it. */
export function helplineOf(catalogue: Pick<Catalogue, 'territories'>, territory?: string): Helpline | undefined {
  const terr = territory ? catalogue.territories.get(territory) : undefined;
  return terr ? { territoryId: terr.id, territory: terr.name, e164: terr.helpline, display: formatPhoneFr(terr.helpline) } : undefined;
}
