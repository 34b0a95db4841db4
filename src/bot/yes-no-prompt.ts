// A yes/no question answered in the person's words ("oui", "d'accord", "non merci", or "1"/"2"
// when the question listed "1 Oui / 2 Non"). botbuilder's ConfirmPrompt would load the
// recognisers of every language and kind (~30 MB, ~0.3 s of start-up) for what
// src/language/answers.ts already reads, SMS shorthand included.
import { parseChoice, parseYesNo } from '../language/answers';

/** true = yes, false = no; null when the text is neither. */
export function readYesNo(text: string): boolean | null {
  const yn = parseYesNo(text);
  if (yn) return yn === 'yes';
  const choice = parseChoice(text, 2);
  return choice === null ? null : choice === 1;
}
