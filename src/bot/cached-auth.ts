// The adapter's authentication with its outbound clients kept between turns. CloudAdapter builds a
// ConnectorClient and a UserTokenClient for every inbound activity — two HTTP pipelines, ~9 % of
// a turn's CPU — even when the replies go back in the HTTP response (expectReplies, the widget)
// and nothing is sent through them. The clients hold no per-turn state (credentials fetch their
// own tokens), so one per (bot app id, service URL, audience) serves every turn.
import type { Activity } from 'botbuilder';
import {
  BotFrameworkAuthentication, ConnectorFactory, JwtTokenValidation,
  type AuthenticateRequestResult, type ClaimsIdentity, type ConnectorClient, type UserTokenClient,
} from 'botframework-connector';

/** Service URLs are an allow-list (config), so a few entries; the bound is for safety only. */
const MAX_CLIENTS = 64;

/** Promises by key, oldest dropped past `max`; a rejected one is dropped so the next turn retries. */
class BoundedCache<V> {
  private readonly entries = new Map<string, Promise<V>>();
  constructor(private readonly max: number) {}
  get(key: string, make: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const value = make();
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
    value.catch(() => { if (this.entries.get(key) === value) this.entries.delete(key); });
    return value;
  }
}

const appIdOf = (claims: ClaimsIdentity): string => JwtTokenValidation.getAppIdFromClaims(claims.claims) ?? '';

class CachedConnectorFactory extends ConnectorFactory {
  constructor(private readonly inner: ConnectorFactory, private readonly appId: string, private readonly cache: BoundedCache<ConnectorClient>) { super(); }
  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.cache.get(`${this.appId}\n${serviceUrl}\n${audience ?? ''}`, () => this.inner.create(serviceUrl, audience));
  }
}

export class CachedClientsAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new BoundedCache<ConnectorClient>(MAX_CLIENTS);
  private readonly tokenClients = new BoundedCache<UserTokenClient>(MAX_CLIENTS);

  constructor(private readonly inner: BotFrameworkAuthentication) { super(); }

  private wrap(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const factory = result.connectorFactory;
    return factory ? { ...result, connectorFactory: new CachedConnectorFactory(factory, appIdOf(result.claimsIdentity), this.connectors) } : result;
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.wrap(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.wrap(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new CachedConnectorFactory(this.inner.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity), this.connectors);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient() { return this.inner.createBotFrameworkClient(); }
  override getOriginatingAudience(): string { return this.inner.getOriginatingAudience(); }
  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> { return this.inner.authenticateChannelRequest(authHeader); }
}
