// Environment → typed configuration. A wrong value stops start-up with one line naming the
// variable, so that an operator sees at once what to fix.
import { z } from 'zod';
import proxyaddr from 'proxy-addr';
import { parseOrigin } from './origin';
import { sentinelUrl } from './store/connection';
import { DEFAULT_HTTP_LIMITS, type HttpLimits } from './http-guard';

const csv = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  PUBLIC_BASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  REDIS_URL: z.preprocess(emptyToUndefined, z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional()),
  // Sentinel instead of one address: "host:port,host:port" and the master's name.
  REDIS_SENTINELS: csv.default([]).refine((l) => l.every((h) => /^(\[[0-9a-fA-F:]+\]|[^\s:,]+):\d{1,5}$/.test(h)), 'host:port,host:port,...'),
  REDIS_SENTINEL_NAME: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a Sentinel master name').optional()),
  // Acknowledge a booking only once this many replicas have it (WAIT); 0 = no wait.
  REDIS_WAIT_REPLICAS: z.coerce.number().int().min(0).max(10).default(0),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,32}$/, 'letters, digits, ":", "_" or "-" (max 32)').default('cx:'),
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI', '']).default(''),
  MicrosoftAppTenantId: z.string().default(''),
  ALLOW_ANONYMOUS_BOT: z.preprocess(emptyToUndefined, bool.optional()),
  TWILIO_ACCOUNT_SID: z.string().default(''),
  TWILIO_AUTH_TOKEN: z.string().default(''),
  TWILIO_FROM: z.string().default(''),
  TWILIO_MESSAGING_SERVICE_SID: z.string().default(''),
  TWILIO_API_URL: z.url().default('https://api.twilio.com'),
  // Who carries a territory's outbound SMS when its catalogue entry names none.
  SMS_PROVIDER_DEFAULT: z.enum(['twilio', 'smsfactor']).default('twilio'),
  SMSFACTOR_API_URL: z.url().default('https://api.smsfactor.com'),
  SMSFACTOR_TOKEN: z.string().default(''),
  // Empty: the account's reply-capable number sends (a custom alphanumeric sender cannot be answered).
  SMSFACTOR_SENDER: z.preprocess(emptyToUndefined, z.string().regex(/^([A-Za-z][A-Za-z0-9 ]{2,10}|\+?\d{4,15})$/, '3-11 letters/digits starting with a letter, or a number').optional()),
  // SMSFactor does not sign its webhooks: a shared secret (path or X-Webhook-Secret header) proves them.
  SMSFACTOR_WEBHOOK_SECRET: z.preprocess(emptyToUndefined, z.string().min(24, 'at least 24 characters').regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-"').optional()),
  // Optionally also the sender's address: IPs or CIDR ranges SMSFactor's webhooks come from.
  SMSFACTOR_WEBHOOK_IPS: csv.default([]).refine((list) => {
    try { proxyaddr.compile(list); return true; } catch { return false; }
  }, 'IP addresses or CIDR ranges, comma-separated'),
  ALLOWED_ORIGINS: csv.default([]),
  // Exact origins (scheme, host, port; no port = 80/443): a prefix would let any port through.
  ALLOWED_SERVICE_URLS: csv.default(['http://localhost', 'http://127.0.0.1', 'http://[::1]'])
    .refine((list) => list.every((u) => parseOrigin(u) !== undefined), 'each entry must be an http(s) origin such as http://localhost:3979'),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  // A second reminder so many hours before (e.g. 48, as RDV Service Public does); off when unset or 0.
  REMINDER_HOURS_BEFORE: z.coerce.number().int().min(0).max(24 * 14).default(0),
  REMINDER_HOUR: z.string().regex(/^([01]?\d|2[0-3])(:[0-5]\d)?$/, 'hour of the day (Europe/Paris), e.g. 10 or 10:00').default('10:00'),
  HOLD_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  CHANGE_MIN_HOURS: z.coerce.number().min(0).max(24 * 14).default(24),
  WAITLIST_OFFER_HOURS: z.coerce.number().min(0.05).max(168).default(12),
  TERRITORIES_FILE: z.preprocess(emptyToUndefined, z.string().optional()),
  CATALOGUE_REFRESH_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(10_000).default(2_000)),
  WIDGET_TOKEN_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'at least 32 characters').optional()),
  // Proxies whose X-Forwarded-For is believed (proxy-addr syntax: IPs, CIDRs, "loopback",
  // "uniquelocal"). Empty: the socket address is the client.
  TRUST_PROXY: csv.default([]).refine((list) => {
    try { proxyaddr.compile(list); return true; } catch { return false; }
  }, 'IP addresses, CIDR ranges or loopback/linklocal/uniquelocal, comma-separated'),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(DEFAULT_HTTP_LIMITS.headersTimeoutMs),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_HTTP_LIMITS.requestTimeoutMs),
  HTTP_KEEPALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(DEFAULT_HTTP_LIMITS.keepAliveTimeoutMs),
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).max(100_000).default(DEFAULT_HTTP_LIMITS.maxConnectionsPerAddress),
  DL_NEW_CONVERSATIONS_PER_ADDRESS: z.coerce.number().int().min(0).max(1_000_000).default(30),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  publicBaseUrl?: string;
  redisUrl?: string;
  redisPrefix: string;
  /** Replicas that must hold a booking before it is acknowledged (Redis WAIT); 0 = none. */
  redisWaitReplicas: number;
  bot: { appId: string; appPassword: string; appType: string; tenantId: string; allowAnonymous: boolean };
  twilio: { accountSid: string; authToken: string; from: string; messagingServiceSid: string; apiUrl: string };
  /** Outbound SMS of a territory whose catalogue entry names no provider. */
  smsProviderDefault: 'twilio' | 'smsfactor';
  smsfactor: { apiUrl: string; token: string; sender?: string; webhookSecret?: string; webhookIps: string[] };
  allowedOrigins: string[];
  allowedServiceUrls: string[];
  retentionDays: number;
  /** Reminders go out the day before the appointment at this Paris wall-clock time. */
  reminderAt: { hour: number; minute: number };
  /** Hours before the appointment of the second reminder; 0 = none. */
  reminderHoursBefore: number;
  holdMinutes: number;
  /** No change by the person this close to the start (hours): they call the team instead. */
  changeMinHours: number;
  /** A freed workshop seat is held this long for the first person waiting, then offered to the next. */
  waitlistOfferHours: number;
  /** Seed of an empty store's catalogue (default data/territories.json). */
  territoriesFile?: string;
  /** How often each process checks the catalogue's version in the store. */
  catalogueRefreshMs: number;
  /** Signs widget (Direct Line) tokens; all processes must share it. */
  widgetTokenSecret?: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Trusted reverse proxies (proxy-addr syntax): X-Forwarded-For is read from them only. */
  trustProxy: string[];
  http: HttpLimits;
  /** New web chat conversations one client address may open per 10 minutes (0 = no limit). */
  newConversationsPerAddress: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.REDIS_SENTINELS.length && !e.REDIS_SENTINEL_NAME) {
    throw new ConfigError('Invalid configuration: REDIS_SENTINEL_NAME: required with REDIS_SENTINELS');
  }
  const anonymous = e.MicrosoftAppId === '';
  if (anonymous && e.NODE_ENV === 'production' && e.ALLOW_ANONYMOUS_BOT !== true) {
    throw new ConfigError('Invalid configuration: MicrosoftAppId: empty in production (set it, or ALLOW_ANONYMOUS_BOT=true to accept unauthenticated callers)');
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    // With Sentinel, the one string every Redis connection is opened from (src/store/connection.ts).
    redisUrl: e.REDIS_SENTINELS.length ? sentinelUrl(e.REDIS_SENTINELS, e.REDIS_SENTINEL_NAME!) : e.REDIS_URL,
    redisWaitReplicas: e.REDIS_WAIT_REPLICAS,
    redisPrefix: e.REDIS_PREFIX,
    bot: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType || 'MultiTenant',
      tenantId: e.MicrosoftAppTenantId,
      allowAnonymous: anonymous,
    },
    twilio: {
      accountSid: e.TWILIO_ACCOUNT_SID,
      authToken: e.TWILIO_AUTH_TOKEN,
      from: e.TWILIO_FROM,
      messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
      apiUrl: e.TWILIO_API_URL.replace(/\/+$/, ''),
    },
    smsProviderDefault: e.SMS_PROVIDER_DEFAULT,
    smsfactor: {
      apiUrl: e.SMSFACTOR_API_URL.replace(/\/+$/, ''),
      token: e.SMSFACTOR_TOKEN,
      sender: e.SMSFACTOR_SENDER,
      webhookSecret: e.SMSFACTOR_WEBHOOK_SECRET,
      webhookIps: e.SMSFACTOR_WEBHOOK_IPS,
    },
    allowedOrigins: e.ALLOWED_ORIGINS,
    allowedServiceUrls: e.ALLOWED_SERVICE_URLS,
    retentionDays: e.RETENTION_DAYS,
    reminderHoursBefore: e.REMINDER_HOURS_BEFORE,
    reminderAt: { hour: Number(e.REMINDER_HOUR.split(':')[0]), minute: Number(e.REMINDER_HOUR.split(':')[1] ?? 0) },
    holdMinutes: e.HOLD_MINUTES,
    changeMinHours: e.CHANGE_MIN_HOURS,
    waitlistOfferHours: e.WAITLIST_OFFER_HOURS,
    territoriesFile: e.TERRITORIES_FILE,
    catalogueRefreshMs: e.CATALOGUE_REFRESH_MS,
    widgetTokenSecret: e.WIDGET_TOKEN_SECRET,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    newConversationsPerAddress: e.DL_NEW_CONVERSATIONS_PER_ADDRESS,
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEPALIVE_TIMEOUT_MS,
      maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS,
    },
  };
}
