import { loadConfig, ConfigError } from '../../src/config';

describe('config', () => {
  it('has working defaults for a first try', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3978);
    expect(c.redisUrl).toBeUndefined();
    expect(c.redisPrefix).toBe('cx:');
    expect(c.retentionDays).toBe(90);
    expect(c.bot.allowAnonymous).toBe(true);
    expect(c.allowedServiceUrls).toContain('http://127.0.0.1');
  });

  it('names the variable when a value is wrong', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ RETENTION_DAYS: '0' })).toThrow(/RETENTION_DAYS/);
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(ConfigError);
  });

  it('refuses an anonymous bot in production unless allowed', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId/);
    expect(loadConfig({ NODE_ENV: 'production', ALLOW_ANONYMOUS_BOT: 'true' }).bot.allowAnonymous).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'abc' }).bot.allowAnonymous).toBe(false);
  });

  it('splits lists and trims the Twilio API URL', () => {
    const c = loadConfig({ ALLOWED_ORIGINS: 'https://a.fr, https://b.fr', TWILIO_API_URL: 'http://127.0.0.1:9999/' });
    expect(c.allowedOrigins).toEqual(['https://a.fr', 'https://b.fr']);
    expect(c.twilio.apiUrl).toBe('http://127.0.0.1:9999');
  });

  it('reads the SMS providers: Twilio by default, SMSFactor with its webhook secret and address ranges', () => {
    expect(loadConfig({})).toMatchObject({ smsProviderDefault: 'twilio', smsfactor: { apiUrl: 'https://api.smsfactor.com', token: '', webhookIps: [] } });
    const c = loadConfig({ SMS_PROVIDER_DEFAULT: 'smsfactor', SMSFACTOR_TOKEN: 'tok', SMSFACTOR_WEBHOOK_SECRET: 'a'.repeat(24), SMSFACTOR_WEBHOOK_IPS: '10.0.0.0/8, 192.0.2.1' });
    expect(c).toMatchObject({ smsProviderDefault: 'smsfactor', smsfactor: { token: 'tok', webhookSecret: 'a'.repeat(24), webhookIps: ['10.0.0.0/8', '192.0.2.1'] } });
    expect(() => loadConfig({ SMS_PROVIDER_DEFAULT: 'netsize' })).toThrow(/SMS_PROVIDER_DEFAULT/);
    expect(() => loadConfig({ SMSFACTOR_WEBHOOK_SECRET: 'short' })).toThrow(/SMSFACTOR_WEBHOOK_SECRET/);
    expect(() => loadConfig({ SMSFACTOR_WEBHOOK_IPS: 'not-an-ip' })).toThrow(/SMSFACTOR_WEBHOOK_IPS/);
  });
});
