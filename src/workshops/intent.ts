// "Il y a des ateliers ?", "atelier mail", "apprendre la tablette en groupe": the person asks
// for a collective workshop rather than an individual appointment. Pure, on normalised text.
import { normalize } from '../language/normalize';

const WORKSHOP_WORDS = /\b(ateliers?|atelie|en groupe|de groupe|collecti(f|fs|ve|ves)|cours collectifs?|seances? collectives?|formations? (en )?groupe)\b/;

export function wantsWorkshop(text: string): boolean {
  return WORKSHOP_WORDS.test(normalize(text));
}
