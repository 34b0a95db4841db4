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
});
