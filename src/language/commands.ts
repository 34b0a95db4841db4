// The opt-out words of SMS (STOP/ARRET and START), shared by the bot and the SMS route:
// they must work everywhere, even for a number over its rate limit.
import { normalize } from './normalize';

const STOP_WORDS = new Set(['stop', 'arret', 'arreter', 'stop sms', 'desabonner', 'desinscrire', 'unsubscribe']);
const START_WORDS = new Set(['start', 'unstop', 'reprendre']);

export function isStopCommand(text: string): boolean {
  return STOP_WORDS.has(normalize(text));
}

export function isStartCommand(text: string): boolean {
  return START_WORDS.has(normalize(text));
}
