// TwiML answers of the voice webhook (Twilio Programmable Voice): a question inside <Gather>
// (speech or keys), a last word then <Hangup/>, or a transfer with <Dial>. Pure strings.
import { escapeMarkup } from '../../markup';

const xmlEscape = (text: string) => escapeMarkup(text, 'xml');

const LANG = 'fr-FR';
const HEAD = '<?xml version="1.0" encoding="UTF-8"?><Response>';

const say = (text: string) => `<Say language="${LANG}">${xmlEscape(text)}</Say>`;

export interface GatherOptions {
  /** Where Twilio posts the answer (and, after silence, the redirect). */
  action: string;
  /** Where to go when the person said nothing (Twilio runs the next verb after an empty Gather). */
  onSilence: string;
  hints: string;
  /** A question with numbered choices: one key press answers it. */
  oneKey: boolean;
}

export function gatherTwiml(text: string, o: GatherOptions): string {
  const attrs = [
    'input="speech dtmf"', `language="${LANG}"`, 'speechTimeout="auto"', 'timeout="6"',
    `hints="${xmlEscape(o.hints)}"`, `action="${xmlEscape(o.action)}"`, 'method="POST"',
    ...(o.oneKey ? ['numDigits="1"'] : []),
  ];
  return `${HEAD}<Gather ${attrs.join(' ')}>${say(text)}</Gather><Redirect method="POST">${xmlEscape(o.onSilence)}</Redirect></Response>`;
}

export function hangupTwiml(text: string): string {
  return `${HEAD}${say(text)}<Hangup/></Response>`;
}

/** Says `text`, calls `number` (E.164) for the caller, then `after` once that call ends. */
export function dialTwiml(text: string, number: string, after: string): string {
  return `${HEAD}${say(text)}<Dial timeout="30">${xmlEscape(number)}</Dial>${say(after)}<Hangup/></Response>`;
}
