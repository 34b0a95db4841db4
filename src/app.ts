// Composition root: builds every part from the configuration (tests build their own).
import {
  CloudAdapter, ConfigurationServiceClientCredentialFactory,
  createBotFrameworkAuthenticationFromConfiguration, type TurnContext, type Activity,
} from 'botbuilder';
import type { Server } from 'restify';
import { BookingBot } from './bot';
import { rootDialog } from '../dialogs/root';
import { territoryOf } from '../dialogs/state';
import type { Services } from '../dialogs/services';
import type { Config } from './config';
import { loadCatalogue, type Catalogue } from './booking/catalogue';
import { CatalogueSource, type LiveCatalogue } from './catalogue/source';
import { warmUpPlaces } from './language/place';
import { ConversationDocs } from './bot/state';
import { ActivityAdapter } from './activity-request';
import { CachedClientsAuthentication } from './bot/cached-auth';
import { createStore } from './store';
import type { Store } from './store/store';
import { createLogger, type Logger } from './log';
import { channelLabel, createMetrics, type Metrics } from './metrics';
import { buildServer } from './server';
import { LocalAdapter } from './channels/local-adapter';
import { connectorHttpClient } from './channels/connector-http';
import { clientAddressFrom } from './client-address';
import { registerSmsRoute, smsAnswerer, type SmsLimits } from './channels/sms/route';
import { bufferSmsReplies } from './channels/sms/reply-buffer';
import { smsDeliver } from './channels/sms/deliver';
import { channelMeter } from './channels/meter';
import { UsageCounter } from './stats/usage';
import { registerSmsFactorRoutes } from './channels/smsfactor/route';
import { registerVoiceRoute } from './channels/voice/route';
import { helplineOf, helplines } from './booking/helplines';
import { createOutboundSms, type OutboundOptions, type OutboundSms } from './notify';
import { mountWebChat } from './widget';
import { registerHome } from './home';
import { mountCoordinator, type CoordinatorService } from './coordinator/http/index';
import { createJobs, type Jobs } from './jobs';
import { notifyBooking, Notifier, type NoticeEvent } from './notices';
import { RequestedByCall } from './notices/booking-notices';
import type { Booking } from './booking/model';
import { t } from './i18n';
import { AuditTrail } from './audit';
import { PersonService } from './person/service';
import { WorkshopService } from './workshop-service';
import { EarlierService } from './earlier/service';
import { WAITLIST_TICK_MS } from './workshops/rules';

export interface App {
  server: Server;
  store: Store;
  /** The live catalogue (follows the store's version). */
  catalogue: LiveCatalogue;
  catalogueSource: CatalogueSource;
  adapter: CloudAdapter;
  metrics: Metrics;
  logger: Logger;
  /** Outbound SMS queue (confirmations, reminders, proactive SMS turns). */
  outbound: OutboundSms;
  /** Web chat (Direct Line) conversations: proactive turns run on this adapter, their replies go to the conversation's log. */
  webchatAdapter: LocalAdapter;
  /** Caches worth filling once the server listens (the widget's gzipped scripts). */
  warmUp(): Promise<void>;
  /** Appends a bot message to a widget conversation (coordinator decisions, reminders); resolves with its id. */
  postToConversation(conversationId: string, activity: Partial<Activity>): Promise<string>;
  /** Coordinators' actions (the JSON API and the pages use it). */
  coordinator: CoordinatorService;
  /** The person's own actions (the dialogs use it). */
  person: PersonService;
  /** Reminders and the retention purge. */
  jobs: Jobs;
  /** Collective workshops: seats, waiting lists, offers. */
  workshops: WorkshopService;
  close(): Promise<void>;
}

export interface AppOverrides {
  store?: Store;
  now?: () => Date;
  logger?: Logger;
  /** Seed of an empty store (default: TERRITORIES_FILE or data/territories.json). */
  catalogue?: Catalogue;
  /** Outbound SMS retry/timeout settings (tests use short ones). */
  outbound?: Partial<OutboundOptions>;
  smsLimits?: SmsLimits;
}

/** The bot and its root dialog, over the dialogs' services (tests build theirs the same way). */
export function createBot(docs: ConversationDocs, services: Services): BookingBot {
  return new BookingBot(docs, rootDialog(services));
}

export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const seed = overrides.catalogue ?? loadCatalogue(config.territoriesFile);
  const store = overrides.store ?? await createStore({ redisUrl: config.redisUrl, prefix: config.redisPrefix, logger, waitReplicas: config.redisWaitReplicas });
  const catalogueSource = (await CatalogueSource.open(store.catalogue, seed, { refreshMs: config.catalogueRefreshMs, logger })).start();
  const catalogue = catalogueSource.catalogue;
  // A new territory or site rebuilds the commune index: do it as soon as the change is here,
  // not inside the next person's turn (which holds the conversation lock meanwhile).
  catalogueSource.onChange((c) => setImmediate(() => {
    try { warmUpPlaces(c); } catch (err) { logger.error('place index rebuild failed', { err }); }
  }));
  const metrics = createMetrics();

  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
  });
  // Azure's own SMS channel comes through /api/messages: its replies are merged as ours are.
  const adapter = bufferSmsReplies(new ActivityAdapter(new CachedClientsAuthentication(createBotFrameworkAuthenticationFromConfiguration(null, credentials, undefined, undefined, {
    httpClient: connectorHttpClient,
  } as never))));
  adapter.onTurnError = async (ctx: TurnContext, error: Error) => {
    metrics.turnErrors.inc({ channel: channelLabel(ctx.activity.channelId) });
    logger.error('turn failed', { err: error, channel: ctx.activity.channelId });
    try { await ctx.sendActivity(t('global.unavailable')); } catch { /* the channel is gone too */ }
  };

  const clock = overrides.now ?? (() => new Date());
  const conversationDocs = new ConversationDocs(store);
  // One audit trail: the person's actions, the coordinators' and the jobs' all land there.
  const audit = new AuditTrail(store.logs, config.retentionDays, () => clock().getTime());
  // The SMS that tells the beneficiary of a request (`notify` is defined below; called later).
  const person = new PersonService({
    store, catalogue, logger, now: clock, holdMinutes: config.holdMinutes, audit, onRequested: (b) => notify(b, 'requested'),
    changeMinHours: config.changeMinHours,
    // The person moved it: one SMS (unless this conversation was that SMS), reminders follow the new time.
    onMoved: async (_before, after, toldHere) => {
      if (!toldHere) await notify(after, 'changed');
      await jobs.schedule(after);
    },
  });
  // Workshops send SMS and web messages through parts built below: the closures run later.
  const workshops = new WorkshopService({
    store, catalogue, logger, now: clock,
    outbound: { send: (to, body, meta) => outbound.send(to, body, meta) },
    web: { say: (id, text) => webchat.web.say(id, text), offerCalendar: (b) => webchat.web.offerCalendar(b) },
    offerHours: config.waitlistOfferHours, reminders: { schedule: (b) => jobs.schedule(b) }, audit,
  });
  const earlier = new EarlierService({
    store, catalogue, logger, now: clock, offerHours: config.waitlistOfferHours,
    outbound: { send: (to, body, meta) => outbound.send(to, body, meta) },
    moved: async (_before, after) => { await jobs.schedule(after); },
  });
  const bot = createBot(conversationDocs, {
    catalogue, store, logger, person, workshops, earlier,
    now: clock,
  });
  const server = buildServer({ config, adapter, bot, store, logger, metrics });
  const meter = channelMeter({ metrics, usage: new UsageCounter(store.counters, clock), logger });
  const outbound = createOutboundSms({
    config, store, logger, catalogue, options: overrides.outbound, onSent: (provider, body, job) => meter.sms(provider, 'out', [body], job.territory),
  });
  const territoryOfTurn = async (ctx: TurnContext) => territoryOf(bot.docOf(ctx));
  const smsTurn = { logic: (ctx: TurnContext) => bot.run(ctx), adapter: bufferSmsReplies(new LocalAdapter(smsDeliver(outbound), clock)), store, logger, limits: overrides.smsLimits, territoryOf: territoryOfTurn };
  registerSmsRoute(server, { config, metrics, meter, ...smsTurn });
  registerSmsFactorRoutes(server, { config, answer: smsAnswerer(smsTurn), outbound, clientAddress: clientAddressFrom(config.trustProxy), logger, metrics, meter });
  registerVoiceRoute(server, {
    config, logic: (ctx) => bot.run(ctx), adapter: new LocalAdapter(smsDeliver(outbound), clock), store, logger, metrics,
    territoryOf: territoryOfTurn,
    helpline: (territory) => helplineOf(catalogue, territory) ?? helplines(catalogue)[0],
    meter,
    confirmBySms: async (b) => { await notifier.send(new RequestedByCall(b, catalogue)); },
  });
  registerHome(server);
  const webchat = mountWebChat(server, {
    store, catalogue, bot, logger, metrics, now: clock,
    widgetTokenSecret: config.widgetTokenSecret, allowedOrigins: config.allowedOrigins, publicBaseUrl: config.publicBaseUrl,
    clientAddress: clientAddressFrom(config.trustProxy), newConversationsPerAddress: config.newConversationsPerAddress,
  });
  // Telling the person about a booking: one notifier decides, for appointments and seats alike.
  const notifier = new Notifier({ counters: store.counters, outbound, web: webchat.web, logger });
  const notify = (booking: Booking, event: NoticeEvent) => notifyBooking({ notifier, catalogue, store }, booking, event);
  const jobs = createJobs({ config, store, catalogue, logger, now: clock, notify, audit, repeat: [
    { name: 'waitlist-tick', everyMs: WAITLIST_TICK_MS, run: () => workshops.waitlist.tick() },
    { name: 'earlier-tick', everyMs: WAITLIST_TICK_MS, run: () => earlier.tick() },
  ] });
  const coordinator = mountCoordinator(server, { config, store, catalogue, logger, now: clock, notify, reminders: jobs, audit, catalogueSource, workshops: workshops.admin });
  // Reminders of bookings confirmed while no process was running (or in another process's memory).
  jobs.rescan().catch((err) => logger.error('reminder rescan failed', { err }));

  return {
    server, store, catalogue, catalogueSource, adapter, metrics, logger, outbound,
    webchatAdapter: webchat.conversations.adapter,
    warmUp: webchat.warmUp,
    postToConversation: webchat.postToConversation,
    coordinator: coordinator.service,
    person,
    jobs,
    workshops,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets would hold close() open until the client drops them.
      server.server.closeIdleConnections();
      await closed;
      catalogueSource.stop();
      await jobs.close();
      await outbound.close();
      await store.close();
    },
  };
}
