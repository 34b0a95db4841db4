// The Direct Line conversations the bot serves itself: each conversation is an append-only
// activity log in the Store (the index of an entry is its watermark), turns run in-process
// through a LocalAdapter, and proactive messages are appended to the same log. Nothing is
// kept in process memory: any process can serve any poll.
import crypto from 'node:crypto';
import type { Activity, ChannelAccount, ConversationReference, TurnContext } from 'botbuilder';
import { bookedInTurn } from '../../bot/booked';
import { isActive } from '../../booking/lifecycle';
import type { Booking } from '../../booking/model';
import { LocalAdapter, type Deliver } from '../local-adapter';
import type { Store } from '../../store/store';
import type { Logger } from '../../log';
import type { Metrics } from '../../metrics';
import { t } from '../../i18n';
import { newConversationId, newUserId, signToken, type TokenClaims } from './token';
import type { PostActivity } from './schemas';
import { setTurnOrigin } from '../../bot/identity';
import { renderForWebChat } from '../web/render';

/** Activities of the widget say `webchat`: the dialogs treat anything but `sms` as web. */
export const CHANNEL_ID = 'webchat';
export const TOKEN_TTL_SECONDS = 30 * 60;
export const LOG_TTL_MS = 2 * 24 * 3600 * 1000;
/** A page may come back to its conversation as long as the conversation's log is kept. */
export const RESUME_TTL_SECONDS = LOG_TTL_MS / 1000;
export const MAX_ACTIVITIES_PER_POLL = 100;
/** Messages one conversation may post per window before 429 (a person types far less). */
export const MESSAGE_LIMIT = { hits: 120, windowMs: 10 * 60 * 1000 };
export const BOT_ACCOUNT: ChannelAccount = { id: 'les-connectes', name: 'Les Connectés', role: 'bot' };

export interface NewConversationLimit { perWindow: number; windowMs: number }
export const NEW_CONVERSATION_WINDOW_MS = 10 * 60 * 1000;

export interface DirectLineDeps {
  store: Pick<Store, 'counters' | 'documents' | 'logs'>;
  bot: { run(ctx: TurnContext): Promise<void> };
  secret: string;
  logger: Logger;
  metrics: Metrics;
  now: () => Date;
}

export interface ConversationGrant {
  conversationId: string;
  userId: string;
  token: string;
  expires_in: number;
}

export interface WidgetGrant extends ConversationGrant {
  /** Long-lived token the page keeps to resume this conversation. */
  resume: string;
  /** True when the grant re-joins an existing conversation (the page replays its log). */
  resumed: boolean;
}

export interface ActivitySet {
  activities: Partial<Activity>[];
  watermark: string;
}

export class RateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) { super('rate limited'); }
}

const logKey = (conversationId: string) => `dl:${conversationId}`;

export class DirectLineConversations {
  readonly adapter: LocalAdapter;

  constructor(private readonly d: DirectLineDeps) {
    this.adapter = new LocalAdapter(this.deliver, this.d.now);
    this.adapter.onTurnError = async (ctx, error) => {
      d.metrics.turnErrors.inc({ channel: CHANNEL_ID });
      d.logger.error('turn failed', { err: error, channel: CHANNEL_ID });
      try { await ctx.sendActivity(t('global.unavailable')); } catch { /* nothing else to do */ }
    };
  }

  /**
   * Whether this client address may open one more conversation in the window (issue 9: each
   * one costs keys in the store; a person opens a few, a script thousands).
   */
  async admitNew(address: string, limit: NewConversationLimit): Promise<boolean> {
    if (limit.perWindow <= 0) return true;
    return (await this.d.store.counters.countHit(`dl:new:${address}`, limit.windowMs)) <= limit.perWindow;
  }

  /** A token for one new conversation (POST /api/widget/token, or POST /conversations without one). */
  grantNew(): ConversationGrant {
    return this.grant(newConversationId(), newUserId());
  }

  /**
   * The widget page's grant: the conversation of a still-valid resume token when its log is
   * still there, otherwise a new one. Either way a fresh resume token comes with it.
   */
  async grantWidget(resume: TokenClaims | undefined): Promise<WidgetGrant> {
    let g: ConversationGrant | undefined;
    if (resume?.userId && (await this.d.store.logs.read(logKey(resume.conversationId), 0, 1)).length > 0) {
      g = this.grant(resume.conversationId, resume.userId);
    }
    const resumed = !!g;
    g ??= this.grantNew();
    const exp = Math.floor(this.d.now().getTime() / 1000) + RESUME_TTL_SECONDS;
    const token = signToken(this.d.secret, { kind: 'resume', conversationId: g.conversationId, userId: g.userId, exp });
    return { ...g, resume: token, resumed };
  }

  /** Same conversation, fresh expiry (POST /tokens/refresh, POST /conversations). */
  grant(conversationId: string, userId: string): ConversationGrant {
    const exp = Math.floor(this.d.now().getTime() / 1000) + TOKEN_TTL_SECONDS;
    const token = signToken(this.d.secret, { kind: 'dl', conversationId, userId, exp });
    return { conversationId, userId, token, expires_in: TOKEN_TTL_SECONDS };
  }

  /** Starting (or re-joining) a conversation: the bot greets the user once. */
  async start(claims: TokenClaims): Promise<ConversationGrant> {
    const conversationId = claims.conversationId;
    const userId = claims.userId ?? newUserId();
    if (await this.d.store.counters.firstSeen(`dl:started:${conversationId}`, LOG_TTL_MS)) {
      const joined: Partial<Activity> = {
        ...this.base(conversationId, userId),
        type: 'conversationUpdate',
        membersAdded: [{ id: userId, name: '', role: 'user' }],
      };
      await this.turn(conversationId, joined);
    }
    return this.grant(conversationId, userId);
  }

  /**
   * The log from a watermark, each bot message in the shape the widget draws as it is. Made
   * here, where every activity leaves for the widget (turn replies, proactive messages, and a
   * log written before this rule, when a page comes back to its conversation).
   */
  async read(conversationId: string, watermark: number): Promise<ActivitySet> {
    const entries = await this.d.store.logs.read(logKey(conversationId), watermark, MAX_ACTIVITIES_PER_POLL);
    return {
      activities: entries.map((e) => {
        const a = JSON.parse(e) as Partial<Activity>;
        return a.from?.role === 'bot' ? renderForWebChat(a) : a;
      }),
      watermark: String(watermark + entries.length),
    };
  }

  /**
   * The user's activity: echoed to the log (with its clientActivityID, so that Web Chat marks
   * it sent), run through the bot, and the replies appended after it. Returns the echo's id.
   */
  async post(claims: TokenClaims, body: PostActivity, publicBase: string): Promise<string> {
    const conversationId = claims.conversationId;
    const userId = claims.userId ?? newUserId();
    const id = `${conversationId}|${crypto.randomUUID()}`;
    if (body.type !== 'message') return id; // typing/events: nothing for the bot to do

    const hits = await this.d.store.counters.countHit(`dl:rate:${conversationId}`, MESSAGE_LIMIT.windowMs);
    if (hits > MESSAGE_LIMIT.hits) throw new RateLimitedError(MESSAGE_LIMIT.windowMs);

    const clientActivityID = body.channelData?.clientActivityID;
    const displayText = body.channelData?.messageBack?.displayText;
    const activity: Partial<Activity> = {
      ...this.base(conversationId, userId),
      id,
      type: 'message',
      text: body.text ?? '',
      textFormat: 'plain',
      locale: 'fr-FR',
      from: { id: userId, name: body.from?.name ?? '', role: 'user' },
      ...(body.value !== undefined ? { value: body.value } : {}),
      channelData: {
        ...(clientActivityID ? { clientActivityID } : {}),
        ...(displayText ? { messageBack: { displayText } } : {}),
      },
    };
    await this.d.store.documents.withLock(logKey(conversationId), async () => {
      await this.append(conversationId, [activity]);
      const { replies, booked } = await this.runTurn(activity);
      const offers = await this.calendarOffers(conversationId, booked, publicBase);
      await this.append(conversationId, [...replies, ...offers].map((r) => this.fromBot(conversationId, r, id)));
    });
    return id;
  }

  /** A message from the bot outside any turn (coordinator decisions, reminders). */
  async postToConversation(conversationId: string, activity: Partial<Activity>): Promise<string> {
    const out = this.fromBot(conversationId, { ...activity, id: activity.id ?? crypto.randomUUID() });
    await this.append(conversationId, [out]);
    return out.id!;
  }

  /** Where replies of proactive turns (adapter.continueConversation) go. */
  readonly deliver: Deliver = async (reference: Partial<ConversationReference>, activities: Partial<Activity>[]) => {
    const conversationId = reference.conversation?.id;
    if (!conversationId) throw new Error('proactive web chat message without a conversation id');
    await this.append(conversationId, activities.map((a) => this.fromBot(conversationId, a)));
  };

  private async turn(conversationId: string, activity: Partial<Activity>): Promise<void> {
    await this.d.store.documents.withLock(logKey(conversationId), async () => {
      const { replies } = await this.runTurn(activity);
      await this.append(conversationId, replies.map((r) => this.fromBot(conversationId, r)));
    });
  }

  /** One turn: the bot's replies and the bookings the turn committed. */
  private async runTurn(activity: Partial<Activity>): Promise<{ replies: Partial<Activity>[]; booked: readonly Booking[] }> {
    const end = this.d.metrics.turnSeconds.startTimer({ channel: CHANNEL_ID });
    this.d.metrics.turns.inc({ channel: CHANNEL_ID });
    let booked: readonly Booking[] = [];
    try {
      const replies = await this.adapter.runTurn(activity, async (ctx) => {
        // The token proved this conversation, and nothing more: no phone number.
        setTurnOrigin(ctx, { kind: 'channel' });
        // A booking committed before a later failure of the turn (state write) is still made: offer its file.
        try { await this.d.bot.run(ctx); } finally { booked = bookedInTurn(ctx); }
      });
      return { replies, booked };
    } finally {
      end();
    }
  }

  /**
   * After a booking made in this conversation, one message with the .ics file. The link
   * carries its own token, valid for that booking only (a download link cannot send headers).
   */
  private async calendarOffers(conversationId: string, booked: readonly Booking[], publicBase: string): Promise<Partial<Activity>[]> {
    const offers: Partial<Activity>[] = [];
    for (const booking of booked) {
      if (booking.conversationId !== conversationId) continue;
      const offer = await this.calendarOffer(booking, publicBase);
      if (offer) offers.push(offer);
    }
    return offers;
  }

  /**
   * The calendar file of a booking, offered once per state: while pending it says "en
   * attente" (and so does the file), once confirmed it is offered again as confirmed.
   */
  async calendarOffer(booking: Booking, publicBase: string): Promise<Partial<Activity> | undefined> {
    const ref = booking.ref;
    const conversationId = booking.conversationId;
    if (!conversationId || !isActive(booking.status)) return undefined;
    const confirmed = booking.status === 'confirmed';
    if (!(await this.d.store.counters.firstSeen(`dl:ics:${ref}:${booking.status}:${booking.slotId}`, LOG_TTL_MS))) return undefined;
    const nowS = Math.floor(this.d.now().getTime() / 1000);
    const exp = Math.max(nowS + 3600, Math.floor(booking.startsAt / 1000) + 86400);
    const token = signToken(this.d.secret, { kind: 'ics', conversationId, ref, exp });
    return {
      type: 'message',
      id: crypto.randomUUID(),
      text: t(confirmed ? 'widget.ics.offer' : 'widget.ics.offerPending'),
      attachments: [{
        contentType: 'text/calendar',
        contentUrl: `${publicBase}/api/widget/bookings/${ref}.ics?t=${encodeURIComponent(token)}`,
        name: `rendez-vous-${ref}.ics`,
      }],
    };
  }

  private base(conversationId: string, userId: string): Partial<Activity> {
    return {
      channelId: CHANNEL_ID,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: userId, name: '', role: 'user' },
      recipient: BOT_ACCOUNT,
      serviceUrl: 'local:directline',
      timestamp: this.d.now(),
      locale: 'fr-FR',
    };
  }

  /** A bot activity as Web Chat reads it: our ids, our channel, the bot as sender. */
  private fromBot(conversationId: string, a: Partial<Activity>, replyToId?: string): Partial<Activity> {
    const { serviceUrl: _s, recipient: _r, relatesTo: _rel, ...rest } = a;
    return {
      ...rest,
      id: `${conversationId}|${a.id ?? crypto.randomUUID()}`,
      channelId: CHANNEL_ID,
      conversation: { id: conversationId } as Activity['conversation'],
      from: BOT_ACCOUNT,
      timestamp: a.timestamp ?? this.d.now(),
      ...(replyToId ? { replyToId } : {}),
    };
  }

  private async append(conversationId: string, activities: Partial<Activity>[]): Promise<void> {
    if (!activities.length) return;
    await this.d.store.logs.append(logKey(conversationId), activities.map((a) => JSON.stringify(a)), LOG_TTL_MS);
  }
}
