// The street address of a home visit, checked offline against the person's commune. There is
// no npm package with the national address base (BAN: ~26 million addresses, several GB):
// we check what can be checked without it (docs/decisions/home-address-offline.md):
// a street or a lieu-dit in the text, and any postcode or commune it names is the person's
// commune (postcodes from codes-postaux, La Poste, through the place index: one copy of the
// table per process). Pure apart from that table.
import { fold } from './normalize';
import { communesOfPostcode } from './place';

// Accents and case folded, punctuation to spaces (not normalize(): its SMS shorthand expands "av", "pl").
const normalize = (s: string) => fold(s).replace(/[,.;:!?()]+/g, ' ').replace(/\s+/g, ' ').trim();

export interface AddressCommune { insee: string; commune: string; postcode: string }

export interface HomeAddress { line: string; postcode: string; commune: string }

export type AddressCheck =
  | { status: 'ok'; address: HomeAddress }
  /** The text names another commune than the person's: ask again, saying which one we have. */
  | { status: 'otherCommune'; named: string }
  | { status: 'invalid' };

const STREET_WORDS = new Set(normalize(`
rue avenue av bd boulevard chemin che chem allee all impasse imp place pl route rte quai cours square sq
residence res lotissement lot lieu-dit lieudit hameau ham cite passage sentier voie rond-point rocade
faubourg fg promenade esplanade parc domaine village ruelle venelle mail clos cour batiment bat
escalier appartement appt montee traverse carrefour zone za zac zi port digue levee côte cote
`).split(/\s+/).filter(Boolean));

// Words of a sentence, not of an address ("je ne sais pas", "chez ma mère").
const NOT_ADDRESS = new Set(normalize(`
je j'ai sais pas oui non bonjour merci pourquoi quoi comment besoin voudrais veux peux
connais rien aucune idee sais-pas
`).split(/\s+/).filter(Boolean));

const MAX_LINE = 100;

/** Tidy spacing and punctuation; "12 rue des lilas" → "12 rue des Lilas" is not attempted. */
function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/\s+,/g, ',').replace(/^[\s,.;:-]+|[\s,.;:!-]+$/g, '');
}

/**
 * Checks one answer to "what is the street address?" for the commune of the booking.
 * `lookup` finds the commune a free-text name denotes (the place index), if any.
 */
export function checkHomeAddress(text: string, home: AddressCommune, lookup?: (name: string) => { insee: string; commune: string } | null): AddressCheck {
  let rest = tidy(text.slice(0, 300));
  if (rest.length < 4 || /@|https?:/i.test(rest)) return { status: 'invalid' };
  if (/(?:\+|00)?\d[\d .-]{7,}\d/.test(rest)) return { status: 'invalid' }; // a phone number, not an address
  let postcode = home.postcode;

  // A postcode, with or without the commune after it: it must be one of the person's commune.
  const pc = /(?:^|[\s,])(\d{5})(?:\s+([^\d,][^,]*))?$/.exec(rest);
  if (pc) {
    const communes = communesOfPostcode(pc[1]);
    if (!communes.some((c) => c.insee === home.insee)) {
      return { status: 'otherCommune', named: communes[0]?.name ?? pc[1] };
    }
    postcode = pc[1];
    rest = tidy(rest.slice(0, pc.index));
  } else {
    // ", Rezé" at the end: the person's commune (dropped), or another one (said so).
    const comma = rest.lastIndexOf(',');
    if (comma > 0) {
      const tail = rest.slice(comma + 1).trim();
      if (tail && !/\d/.test(tail)) {
        if (normalize(tail) === normalize(home.commune)) rest = tidy(rest.slice(0, comma));
        else {
          const other = lookup?.(tail);
          if (other && other.insee !== home.insee) return { status: 'otherCommune', named: other.commune };
        }
      }
    }
  }
  if (normalize(rest).endsWith(` ${normalize(home.commune)}`) && !STREET_WORDS.has(normalize(rest).split(' ').slice(-2)[0] ?? '')) {
    rest = tidy(rest.slice(0, rest.length - home.commune.length));
  }

  const words = normalize(rest).split(/[\s,]+/).filter(Boolean);
  if (!words.length || words.some((w) => NOT_ADDRESS.has(w))) return { status: 'invalid' };
  if (rest.length > MAX_LINE) return { status: 'invalid' };
  const lettered = words.filter((w) => /[a-z]{2,}/.test(w));
  const numbered = /^\d{1,4}\s?(bis|ter|quater|[a-d])?\b/i.test(rest);
  const street = words.some((w) => STREET_WORDS.has(w));
  // "12 rue des Lilas", "rue des Lilas", "12 Grande Rue", or a lieu-dit with its article ("La
  // Grande Noë", "Le Bourg"): a bare "Jeanne Martin" is a name, not an address.
  const lieuDit = /^(le|la|les|l')$/.test(words[0] ?? '') || /^l'[a-z]/.test(words[0] ?? '');
  const ok = (street && lettered.length >= 2) || (numbered && lettered.length >= 1) || (lieuDit && lettered.length >= 2);
  if (!ok) return { status: 'invalid' };
  const line = rest.charAt(0).toUpperCase() + rest.slice(1);
  return { status: 'ok', address: { line, postcode, commune: home.commune } };
}
