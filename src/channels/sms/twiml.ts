// TwiML answers for the Twilio webhook: one <Message> per SMS body, XML-escaped.
import { escapeMarkup } from '../../markup';

export function twiml(bodies: readonly string[]): string {
  const messages = bodies.map((b) => `<Message>${escapeMarkup(b, 'xml')}</Message>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${messages}</Response>`;
}
