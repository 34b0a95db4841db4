// POST /api/sms — Twilio's inbound-message webhook. Order matters: signature before
// anything is read, de-duplication before anything is counted, rate limit before the bot.
import type { Activity, TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { t } from '../../i18n';
import { isStartCommand } from '../../language/commands';
import { isOptOutMessage } from '../../language/optout';
import { parsePhone } from '../../language/phone';
import { smsBodies } from '../../sms-text/fit';
import type { ChannelMeter } from '../meter';
import { InboundSmsSchema, type InboundSms } from './inbound';
import { parseForm, twilioSigned, type TwilioRouteDeps } from '../twilio-webhook';
import { phoneActivity } from '../phone-activity';
import { twiml } from './twiml';
import { jsonError, parseOr400 } from '../webhook-errors';
import { optedOutThisTurn, setTurnOrigin, smsOrigin } from '../../bot/identity';

export const SMS_PATH = '/api/sms';
const DAY_MS = 24 * 3600_000;

export interface SmsLimits {
  /** Messages one number may send per window; the next one gets a notice, then silence. */
  perWindow: number;
  windowMs: number;
}
export const DEFAULT_SMS_LIMITS: SmsLimits = { perWindow: 20, windowMs: 10 * 60_000 };


export interface SmsRouteDeps extends TwilioRouteDeps {
  limits?: SmsLimits;
  /** Messages and segments per provider (metrics, territory usage). */
  meter?: ChannelMeter;
  /** The territory the conversation learnt, read after the turn. */
  territoryOf?: (ctx: TurnContext) => Promise<string | undefined>;
}

function sendTwiml(res: Response, bodies: readonly string[]): void {
  res.sendRaw(200, twiml(bodies), { 'Content-Type': 'text/xml; charset=utf-8' });
}


/** The number opt-outs are stored under (what the bot uses too). */
function optOutKey(from: string): string {
  const p = parsePhone(from);
  return p && p.status !== 'invalid' ? p.e164 : from;
}

export function toActivity(sms: InboundSms): Partial<Activity> {
  return phoneActivity({
    channelId: 'sms', id: sms.MessageSid, conversationId: sms.From, from: sms.From, to: sms.To, text: sms.Body, channelData: { numMedia: sms.NumMedia },
  });
}

/**
 * One inbound SMS, whichever provider carried it → what to answer, as SMS bodies (empty =
 * silence). `proven`: the webhook was authenticated, so the sender's number is an identity.
 */
/** What to answer an SMS, and the territory its conversation knows (whose costs these are). */
export interface SmsAnswer {
  bodies: string[];
  territory?: string;
  /** The turn opted the sender out: its answer is the acknowledgement, the last SMS they get. */
  optedOut?: boolean;
}

export function smsAnswerer(deps: Pick<SmsRouteDeps, 'logic' | 'adapter' | 'store' | 'logger' | 'limits' | 'territoryOf'>): (sms: InboundSms, proven: boolean) => Promise<SmsAnswer> {
  const { logic, adapter, store, logger } = deps;
  const limits = deps.limits ?? DEFAULT_SMS_LIMITS;
  return async (sms, proven) => {
    if (sms.MessageSid && !(await store.counters.firstSeen(`sms:sid:${sms.MessageSid}`, DAY_MS))) return { bodies: [] }; // a retry
    const number = optOutKey(sms.From);
    const hits = await store.counters.countHit(`sms:rate:${number}`, limits.windowMs);
    if (hits > limits.perWindow && !isOptOutMessage(sms.Body) && !isStartCommand(sms.Body)) {
      if (hits === limits.perWindow + 1 && !(await store.counters.isOptedOut(number))) {
        logger.warn('sms rate limit reached', { from: number });
        return { bodies: smsBodies([t('sms.rateLimited')]) };
      }
      return { bodies: [] };
    }
    if (sms.NumMedia > 0 && !sms.Body.trim()) {
      return { bodies: (await store.counters.isOptedOut(number)) ? [] : smsBodies([t('sms.mediaOnly')]) };
    }
    let territory: string | undefined;
    let optedOut = false;
    const replies = await adapter.runTurn(toActivity(sms), async (ctx) => {
      setTurnOrigin(ctx, smsOrigin(sms.From, proven));
      await logic(ctx);
      territory = await deps.territoryOf?.(ctx);
      optedOut = optedOutThisTurn(ctx);
    });
    // The bot already renders SMS; this keeps any late reply (an error notice) GSM-7 too.
    return { bodies: replies.filter((a) => a.type === 'message' && a.text).flatMap((a) => smsBodies([a.text!])), territory, ...(optedOut ? { optedOut } : {}) };
  };
}

export function registerSmsRoute(server: Server, deps: SmsRouteDeps): void {
  const { config, logger, metrics } = deps;
  const answerSms = smsAnswerer(deps);
  const answer = (sms: InboundSms) => answerSms(sms, Boolean(config.twilio.authToken));

  server.post(SMS_PATH, async (req: Request, res: Response) => {
    if (req.getContentType() !== 'application/x-www-form-urlencoded') {
      return jsonError(res, 415, 'UnsupportedMediaType', 'Expected application/x-www-form-urlencoded (Twilio webhook)');
    }
    const params = parseForm((req as Request & { rawBody?: unknown }).rawBody);
    if (config.twilio.authToken) {
      if (!twilioSigned(req, config.twilio.authToken, config.publicBaseUrl, SMS_PATH, params)) {
        logger.warn('sms webhook refused: bad signature');
        return jsonError(res, 403, 'Forbidden', 'Invalid X-Twilio-Signature');
      }
    }
    const sms = parseOr400(InboundSmsSchema, params, res);
    if (!sms) return;
    metrics.turns.inc({ channel: 'sms' });
    const end = metrics.turnSeconds.startTimer({ channel: 'sms' });
    try {
      const { bodies, territory } = await answer(sms);
      deps.meter?.sms('twilio', 'in', [sms.Body], territory);
      deps.meter?.sms('twilio', 'out', bodies, territory); // TwiML replies are billed messages too
      sendTwiml(res, bodies);
    } catch (err) {
      // Redis down or a bug: a polite word, never a Twilio error page for the person.
      metrics.turnErrors.inc({ channel: 'sms' });
      logger.error('sms turn failed', { err, from: sms.From });
      sendTwiml(res, smsBodies([t('global.unavailable')]));
    } finally {
      end();
    }
  });
}
