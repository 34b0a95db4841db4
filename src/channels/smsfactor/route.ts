// SMSFactor's webhooks: replies ("MO") and delivery reports. SMSFactor does not sign them, so
// a shared secret proves them (in the path, /api/smsfactor/SECRET/mo, or an X-Webhook-Secret
// header), optionally with the caller's address range. A reply is one turn of the same bot
// as a Twilio SMS; its answer goes back through SMSFactor's REST API (a webhook cannot answer
// inline as TwiML does). STOP is an ordinary reply: the bot records the opt-out.
import proxyaddr from 'proxy-addr';
import type { Request, Response, Server } from 'restify';
import type { Config } from '../../config';
import type { Logger } from '../../log';
import type { Metrics } from '../../metrics';
import type { OutboundSms } from '../../notify';
import { t } from '../../i18n';
import type { ClientAddress } from '../../client-address';
import { deliveryLabel, secretMatches, SmsFactorDlrSchema, SmsFactorMoSchema, toInboundSms } from './inbound';
import type { InboundSms } from '../sms/inbound';
import type { SmsAnswer } from '../sms/route';
import type { ChannelMeter } from '../meter';
import { jsonError, parseOr400 } from '../webhook-errors';

export const SMSFACTOR_PATH = '/api/smsfactor';

export interface SmsFactorRouteDeps {
  config: Pick<Config, 'smsfactor'>;
  /** The SMS turn shared with the Twilio webhook (de-duplication, rate limit, the bot). */
  answer(sms: InboundSms, proven: boolean): Promise<SmsAnswer>;
  outbound: Pick<OutboundSms, 'send'>;
  clientAddress: ClientAddress;
  logger: Logger;
  metrics: Metrics;
  meter: ChannelMeter;
}


/** The webhook's fields, wherever SMSFactor put them (form, JSON body or query string). */
function fieldsOf(req: Request): Record<string, unknown> {
  const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body as Record<string, unknown> : {};
  return { ...(req.query as Record<string, unknown> | undefined), ...body };
}

export function registerSmsFactorRoutes(server: Server, deps: SmsFactorRouteDeps): void {
  const { config, logger, metrics } = deps;
  const { webhookSecret, webhookIps } = config.smsfactor;
  const allowed = webhookIps.length ? proxyaddr.compile([...webhookIps]) : undefined;

  /** Refuses what is not SMSFactor's; true when the request may go on. */
  function authenticated(req: Request, res: Response): boolean {
    if (!webhookSecret) { jsonError(res, 404, 'NotFound', 'The SMSFactor webhook is not configured (SMSFACTOR_WEBHOOK_SECRET)'); return false; }
    const header = req.headers['x-webhook-secret'];
    const given = (req.params as { secret?: string } | undefined)?.secret ?? (Array.isArray(header) ? header[0] : header);
    if (!secretMatches(webhookSecret, given)) {
      logger.warn('smsfactor webhook refused: bad secret');
      jsonError(res, 403, 'Forbidden', 'Invalid webhook secret');
      return false;
    }
    if (allowed && !allowed(deps.clientAddress(req), 0)) {
      logger.warn('smsfactor webhook refused: address not allowed');
      jsonError(res, 403, 'Forbidden', 'Address not allowed');
      return false;
    }
    return true;
  }

  async function mo(req: Request, res: Response): Promise<void> {
    if (!authenticated(req, res)) return;
    const fields = parseOr400(SmsFactorMoSchema, fieldsOf(req), res);
    if (!fields) return;
    const sms = toInboundSms(fields);
    metrics.turns.inc({ channel: 'sms' });
    const end = metrics.turnSeconds.startTimer({ channel: 'sms' });
    let bodies: string[];
    let territory: string | undefined;
    let optOutAck = false;
    try {
      const answered = await deps.answer(sms, true);
      bodies = answered.bodies;
      territory = answered.territory;
      optOutAck = answered.optedOut === true;
      deps.meter.sms('smsfactor', 'in', [sms.Body], answered.territory);
    } catch (err) {
      metrics.turnErrors.inc({ channel: 'sms' });
      logger.error('sms turn failed', { err, from: sms.From, provider: 'smsfactor' });
      bodies = [t('global.unavailable')];
    } finally {
      end();
    }
    // Keyed by the reply's id: SMSFactor calling twice never sends the answer twice.
    for (const [i, body] of bodies.entries()) {
      await deps.outbound.send(sms.From, body, { provider: 'smsfactor', territory, kind: 'reply', ...(optOutAck ? { optOutAck } : {}), key: sms.MessageSid ? `reply:${sms.MessageSid}:${i}` : undefined });
    }
    res.json({ received: true });
  }

  async function dlr(req: Request, res: Response): Promise<void> {
    if (!authenticated(req, res)) return;
    const fields = parseOr400(SmsFactorDlrSchema, fieldsOf(req), res);
    if (!fields) return;
    const status = deliveryLabel(fields.status);
    metrics.smsDelivery.inc({ provider: 'smsfactor', status });
    if (status === 'failed') logger.warn('smsfactor delivery failed', { ticket: fields.ticket, status: fields.status });
    res.json({ received: true });
  }

  for (const path of [`${SMSFACTOR_PATH}/mo`, `${SMSFACTOR_PATH}/:secret/mo`]) {
    server.post(path, mo);
    server.get(path, mo);
  }
  for (const path of [`${SMSFACTOR_PATH}/dlr`, `${SMSFACTOR_PATH}/:secret/dlr`]) {
    server.post(path, dlr);
    server.get(path, dlr);
  }
}
