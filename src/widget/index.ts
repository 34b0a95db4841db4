// Mounts the web chat channel on the server: CORS, Direct Line subset, widget page and files.
import crypto from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import type { Catalogue } from '../booking/catalogue';
import type { Booking } from '../booking/model';
import type { Store } from '../store/store';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { DirectLineConversations } from '../channels/directline/conversations';
import { corsPre } from '../channels/directline/cors';
import { DIRECTLINE_PREFIX, registerDirectLineRoutes } from '../channels/directline/routes';
import { NEW_CONVERSATION_WINDOW_MS } from '../channels/directline/conversations';
import type { ClientAddress } from '../client-address';
import { registerWidgetRoutes } from './routes';
import { warmUpWidgetAssets, type WebChatBundle } from './assets';
import type { WebConversations } from '../notices/web';

export interface WebChatDeps {
  store: Store;
  catalogue: Catalogue;
  bot: { run(ctx: TurnContext): Promise<void> };
  logger: Logger;
  metrics: Metrics;
  now: () => Date;
  widgetTokenSecret?: string;
  allowedOrigins: readonly string[];
  publicBaseUrl?: string;
  bundle?: WebChatBundle;
  clientAddress?: ClientAddress;
  /** New conversations one address may open per 10 minutes (0 = no limit). */
  newConversationsPerAddress?: number;
}

export interface WebChat {
  conversations: DirectLineConversations;
  /** Appends a bot message to a widget conversation (coordinator decisions, reminders). */
  postToConversation(conversationId: string, activity: Partial<Activity>): Promise<string>;
  /** The .ics offer of a booking in its current state, once per state (undefined when already offered). */
  calendarOffer(booking: Booking): Promise<Partial<Activity> | undefined>;
  /** The same two, as the domain's port (src/notices/web.ts). */
  web: WebConversations;
  /** Loads the widget's scripts (read and gzipped once per process, off the main thread). */
  warmUp(): Promise<void>;
}

export function widgetSecret(configured: string | undefined, logger: Logger): string {
  if (configured) return configured;
  logger.warn('WIDGET_TOKEN_SECRET is not set: using a random secret for this process only. Several processes (or a restart) need the same secret, or widget conversations break.');
  return crypto.randomBytes(32).toString('base64url');
}

export function mountWebChat(server: Server, d: WebChatDeps): WebChat {
  const secret = widgetSecret(d.widgetTokenSecret, d.logger);
  const conversations = new DirectLineConversations({ store: d.store, bot: d.bot, secret, logger: d.logger, metrics: d.metrics, now: d.now });
  server.pre(corsPre([DIRECTLINE_PREFIX, '/api/widget'], { allowedOrigins: d.allowedOrigins, publicBaseUrl: d.publicBaseUrl }));
  registerDirectLineRoutes(server, {
    conversations, secret, publicBaseUrl: d.publicBaseUrl, logger: d.logger, now: d.now,
    clientAddress: d.clientAddress ?? ((req) => req.socket.remoteAddress ?? 'unknown'),
    newConversations: { perWindow: d.newConversationsPerAddress ?? 30, windowMs: NEW_CONVERSATION_WINDOW_MS },
  });
  registerWidgetRoutes(server, {
    catalogue: d.catalogue, store: d.store, secret, allowedOrigins: d.allowedOrigins,
    publicBaseUrl: d.publicBaseUrl, bundle: d.bundle ?? 'minimal', now: d.now,
  });
  // Outside a request there is no Host header: the configured base, or a link relative to
  // the widget page (which we serve, so it resolves to us).
  const calendarOffer = (booking: Booking) => conversations.calendarOffer(booking, (d.publicBaseUrl ?? '').replace(/\/+$/, ''));
  const web: WebConversations = {
    say: (id, text) => conversations.postToConversation(id, { type: 'message', text }),
    offerCalendar: async (booking) => {
      const offer = booking.conversationId ? await calendarOffer(booking) : undefined;
      if (offer) await conversations.postToConversation(booking.conversationId!, offer);
    },
  };
  return {
    // Read and gzip the bundle (once per process, off the main thread) right after the server
    // listens: not on the first visitor's request, and not before /healthz answers. A visitor
    // who comes first meanwhile gets it loaded on the spot (the routes' synchronous loader).
    warmUp: () => warmUpWidgetAssets(d.bundle ?? 'minimal').catch((err: unknown) => d.logger.warn('widget warm-up failed', { err })),
    conversations,
    postToConversation: (id, activity) => conversations.postToConversation(id, activity),
    calendarOffer,
    web,
  };
}
