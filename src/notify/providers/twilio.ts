// Twilio behind the provider port (Messages.json; see ../twilio-rest.ts).
import { findSent, postMessage, twilioConfigured, type TwilioTarget } from './twilio-rest';
import type { SmsPort } from './port';

export function twilioPort(target: TwilioTarget): SmsPort {
  return {
    name: 'twilio',
    configured: () => twilioConfigured(target),
    post: (to, body, timeoutMs, fetchImpl) => postMessage(target, to, body, timeoutMs, fetchImpl),
    findSent: (to, body, sinceMs, timeoutMs, fetchImpl) => findSent(target, to, body, sinceMs, timeoutMs, fetchImpl),
  };
}
