// POST /api/voice — Twilio Programmable Voice. The same bot and dialogs as SMS: each speech
// result (or keys pressed) is one turn, the caller's number is the proven identity when the
// request is signed, and the replies are said (speech.ts) inside a <Gather> that asks for the
// next answer. Around the dialog, what only a phone call needs: the greeting, silence (ask once
// more, then the team's number), key 0 or "conseiller" (a transfer with <Dial>), and the
// offer of an SMS with the booking before hanging up.
import type { Activity, TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { Booking } from '../../booking/model';
import type { Helpline } from '../../booking/helplines';
import { REF_CODE_PATTERN } from '../../booking/refcode';
import { parseYesNo, parseChoice } from '../../language/answers';
import { t, type Vars } from '../../i18n';
import { setTurnOrigin, smsOrigin } from '../../bot/identity';
import { parseForm, twilioSigned, type FormParams, type TwilioRouteDeps } from '../twilio-webhook';
import type { ChannelMeter } from '../meter';
import { jsonError, parseOr400 } from '../webhook-errors';
import { phoneActivity } from '../phone-activity';
import { CallStatusSchema, heard, InboundCallSchema, VoiceQuerySchema, wantsTransfer, type InboundCall } from './inbound';
import { hintsFor, speak, speakLine, type Spoken } from './speech';
import { dialTwiml, gatherTwiml, hangupTwiml } from './twiml';

export const VOICE_PATH = '/api/voice';
export const VOICE_STATUS_PATH = '/api/voice/status';
const CALL_TTL_MS = 2 * 3600_000;

export interface VoiceRouteDeps extends TwilioRouteDeps {
  /** The territory this conversation learnt (for the right helpline), read after the turn. */
  territoryOf(ctx: TurnContext): Promise<string | undefined>;
  /** The team to transfer to: the territory's helpline, else the catalogue's first. */
  helpline(territory?: string): Helpline;
  /** Queues the SMS that confirms a booking made on this call (the person said yes). */
  confirmBySms(booking: Booking): Promise<void>;
  /** Call minutes (metrics, territory usage). */
  meter?: ChannelMeter;
}

/** What the call remembers between two requests (Twilio keeps nothing for us). */
interface CallMemo {
  /** The last thing asked, to ask again after silence or a repeated request. */
  said?: Spoken;
  territory?: string;
  /** A booking made on this call whose SMS was offered and not answered yet. */
  smsOffer?: string;
  offered: string[];
  turns: number;
  /** The last answer was asked again for a low recognition confidence (the next one goes to the dialog). */
  unsure?: boolean;
}

const REFS = new RegExp(REF_CODE_PATTERN, 'g');
/** Below this recognition confidence (Twilio's 0–1), an answer is asked again once before the dialog reads it. */
export const MIN_CONFIDENCE = 0.3;

const said = (key: string, vars?: Vars) => speakLine(t(key, vars));

/** One answer of a call as a turn: the call is the conversation, the caller its writer. */
export function toCallActivity(call: InboundCall, text: string): Partial<Activity> {
  return phoneActivity({ channelId: 'voice', conversationId: call.CallSid, from: call.From, to: call.To, text, channelData: { confidence: call.Confidence } });
}

function yesOrNo(text: string): 'yes' | 'no' | null {
  return parseYesNo(text) ?? ({ 1: 'yes', 2: 'no' } as const)[parseChoice(text, 2) ?? 0] ?? null;
}

export function registerVoiceRoute(server: Server, deps: VoiceRouteDeps): void {
  const { config, store, logger, metrics } = deps;
  const memoKey = (sid: string) => `voice:call:${sid}`;

  async function loadMemo(sid: string): Promise<CallMemo> {
    const doc = (await store.documents.read([memoKey(sid)]))[memoKey(sid)];
    return (doc?.value as CallMemo | undefined) ?? { offered: [], turns: 0 };
  }
  const saveMemo = (sid: string, memo: CallMemo) => store.documents.write({ [memoKey(sid)]: { value: memo } });

  const ask = (spoken: Spoken, prefix = '', silence: '1' | '2' = '1') => gatherTwiml(prefix ? `${prefix} ${spoken.text}` : spoken.text, {
    action: VOICE_PATH, onSilence: `${VOICE_PATH}?silence=${silence}`, hints: hintsFor(spoken), oneKey: spoken.choices > 0 && spoken.choices <= 9,
  });

  /** One dialog turn; returns its replies and the territory the conversation knows. */
  async function runTurn(call: InboundCall, text: string): Promise<{ replies: string[]; territory?: string }> {
    let territory: string | undefined;
    const activities = await deps.adapter.runTurn(toCallActivity(call, text), async (ctx) => {
      setTurnOrigin(ctx, smsOrigin(call.From, Boolean(config.twilio.authToken)));
      await deps.logic(ctx);
      territory = await deps.territoryOf(ctx);
    });
    return { replies: activities.filter((a) => a.type === 'message' && a.text).map((a) => a.text!), territory };
  }

  /** A booking this call just made (its code is in the replies, said for the first time). */
  async function newBooking(call: InboundCall, replies: readonly string[], memo: CallMemo): Promise<Booking | undefined> {
    for (const ref of new Set(replies.join('\n').match(REFS) ?? [])) {
      if (memo.offered.includes(ref)) continue;
      const b = await store.bookings.get(ref);
      if (b && b.conversationId === call.CallSid && b.channel === 'voice') return b;
    }
    return undefined;
  }

  async function answer(call: InboundCall, silence: '1' | '2' | undefined, retry: boolean): Promise<string> {
    const memo = await loadMemo(call.CallSid);
    const team = deps.helpline(memo.territory);
    if (retry && memo.said) return ask(memo.said); // Twilio asked twice: same answer, no second turn
    if (silence === '2') return hangupTwiml(said('voice.silenceEnd', { helpline: team.display }));
    if (silence === '1') return memo.said ? ask(memo.said, said('voice.silence'), '2') : hangupTwiml(said('voice.goodbye'));
    const text = heard(call);
    if (wantsTransfer(call)) {
      logger.info('voice call transferred', { territory: team.territoryId });
      return dialTwiml(said('voice.transfer'), team.e164, said('voice.afterTransfer'));
    }
    if (!text && !memo.said) {
      metrics.calls.inc();
      memo.said = speak([t('voice.welcome'), t('voice.welcomeAsk')]);
      await saveMemo(call.CallSid, memo);
      return ask(memo.said);
    }
    // The recogniser is unsure: ask again once, rather than let the dialog act on a guess.
    const unsure = call.SpeechResult !== undefined && call.Confidence !== undefined && call.Confidence < MIN_CONFIDENCE;
    if (unsure && !memo.unsure && memo.said) {
      memo.unsure = true;
      await saveMemo(call.CallSid, memo);
      return ask(memo.said, said('voice.notHeard'));
    }
    memo.unsure = false;
    if (memo.smsOffer) {
      const yn = yesOrNo(text);
      const ref = memo.smsOffer;
      delete memo.smsOffer;
      const booking = yn === 'yes' ? await store.bookings.get(ref) : null;
      if (booking) {
        await deps.confirmBySms(booking);
        await saveMemo(call.CallSid, memo);
        return hangupTwiml(said('voice.smsSent'));
      }
      if (yn === 'no') return hangupTwiml(said('voice.goodbye'));
      // Anything else is an answer for the dialog (the person went on talking).
    }
    const { replies, territory } = await runTurn(call, text);
    memo.territory = territory ?? memo.territory;
    memo.turns += 1;
    if (!replies.length) {
      // Only an opted-out number gets no answer at all: a caller still deserves a person.
      return dialTwiml(said('voice.optedOut'), deps.helpline(memo.territory).e164, said('voice.afterTransfer'));
    }
    const booking = await newBooking(call, replies, memo);
    // For the caller: their booking by SMS if they want it. For a relative: they get it by SMS anyway.
    const self = booking?.requestedBy === 'self';
    if (booking) memo.offered.push(booking.ref);
    if (booking && self) memo.smsOffer = booking.ref;
    memo.said = speak(booking ? [...replies, t(self ? 'voice.smsOffer' : 'voice.anythingElse')] : replies);
    await saveMemo(call.CallSid, memo);
    return ask(memo.said);
  }

  /** The signed form of a Twilio request, or undefined once an error is answered. */
  function signedForm(req: Request, res: Response, path: string): FormParams | undefined {
    if (req.getContentType() !== 'application/x-www-form-urlencoded') {
      jsonError(res, 415, 'UnsupportedMediaType', 'Expected application/x-www-form-urlencoded (Twilio webhook)');
      return undefined;
    }
    const params = parseForm((req as Request & { rawBody?: unknown }).rawBody);
    if (config.twilio.authToken && !twilioSigned(req, config.twilio.authToken, config.publicBaseUrl, path, params)) {
      logger.warn('voice webhook refused: bad signature');
      jsonError(res, 403, 'Forbidden', 'Invalid X-Twilio-Signature');
      return undefined;
    }
    return params;
  }

  // Twilio's "call status changes" callback: the minutes of a finished call (what is billed).
  server.post(VOICE_STATUS_PATH, async (req: Request, res: Response) => {
    const params = signedForm(req, res, VOICE_STATUS_PATH);
    if (!params) return;
    const status = parseOr400(CallStatusSchema, params, res);
    if (!status) return;
    if (status.CallStatus === 'completed' && status.CallDuration !== undefined) {
      const memo = await loadMemo(status.CallSid);
      deps.meter?.call(memo.territory, status.CallDuration);
      await store.documents.delete([memoKey(status.CallSid)]);
    }
    res.send(204);
  });

  server.post(VOICE_PATH, async (req: Request, res: Response) => {
    const send = (xml: string) => res.sendRaw(200, xml, { 'Content-Type': 'text/xml; charset=utf-8' });
    const params = signedForm(req, res, VOICE_PATH);
    if (!params) return;
    const call = parseOr400(InboundCallSchema, params, res);
    if (!call) return;
    const query = parseOr400(VoiceQuerySchema, req.query ?? {}, res);
    if (!query) return;
    metrics.turns.inc({ channel: 'voice' });
    const end = metrics.turnSeconds.startTimer({ channel: 'voice' });
    try {
      // Twilio marks each webhook request; the same token again is a retry of a request we answered.
      const token = req.headers['i-twilio-idempotency-token'];
      const retry = typeof token === 'string' && !(await store.counters.firstSeen(`voice:idem:${token}`, CALL_TTL_MS));
      send(await answer(call, query.silence, retry));
    } catch (err) {
      metrics.turnErrors.inc({ channel: 'voice' });
      logger.error('voice turn failed', { err, from: call.From });
      send(hangupTwiml(said('voice.unavailable')));
    } finally {
      end();
    }
  });
}
