// Exact commands: the whole normalised message is one of the words of locales/intents.fr.json
// ("commands"), and it acts whatever question is pending. STOP/START are the SMS opt-out words,
// shared by the bot and the SMS route: they must work everywhere, even for a number over its
// rate limit. The 'stop' intent of the classifier counts them too (src/language/intent.ts).
import lexicon from '../../locales/intents.fr.json';
import { normalize } from './normalize';

export type Command = 'stop' | 'start' | 'help' | 'cancel' | 'erase';

const WORDS: Record<Command, ReadonlySet<string>> = {
  stop: new Set(lexicon.commands.stop),
  start: new Set(lexicon.commands.start),
  help: new Set(lexicon.commands.help),
  cancel: new Set(lexicon.commands.cancel),
  erase: new Set(lexicon.commands.erase),
};

/** The SMS opt-out words, for the classifier's 'stop' intent. */
export const STOP_COMMAND_WORDS: readonly string[] = lexicon.commands.stop;

/** Is this whole message the command? `text` may be raw or already normalised. */
export function isCommand(command: Command, text: string): boolean {
  return WORDS[command].has(normalize(text));
}

export function isStopCommand(text: string): boolean {
  return isCommand('stop', text);
}

export function isStartCommand(text: string): boolean {
  return isCommand('start', text);
}
