// The adapter's outbound clients are built once per (app id, service URL, audience), not per turn.
import { ConfigurationServiceClientCredentialFactory, createBotFrameworkAuthenticationFromConfiguration } from 'botbuilder';
import { BotFrameworkAuthentication, ClaimsIdentity, ConnectorFactory, type ConnectorClient, type UserTokenClient } from 'botframework-connector';
import { CachedClientsAuthentication } from '../../src/bot/cached-auth';

const anonymous = () => createBotFrameworkAuthenticationFromConfiguration(null, new ConfigurationServiceClientCredentialFactory({ MicrosoftAppId: '', MicrosoftAppPassword: '' }));
const activity = (serviceUrl: string) => ({ type: 'message', serviceUrl, channelId: 'test', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } }) as never;

describe('CachedClientsAuthentication', () => {
  it('gives the same connector client to every turn from one service URL, another to another URL', async () => {
    const auth = new CachedClientsAuthentication(anonymous());
    const clients: ConnectorClient[] = [];
    for (const url of ['http://127.0.0.1:1/a', 'http://127.0.0.1:1/a', 'http://127.0.0.1:2/b']) {
      const r = await auth.authenticateRequest(activity(url), '');
      clients.push(await r.connectorFactory!.create(url, r.audience));
    }
    expect(clients[0]).toBe(clients[1]);
    expect(clients[2]).not.toBe(clients[0]);
    expect((clients[2] as unknown as { baseUri: string }).baseUri).toBe('http://127.0.0.1:2/b');
  });

  it('keeps one user token client per app id', async () => {
    const auth = new CachedClientsAuthentication(anonymous());
    const r = await auth.authenticateRequest(activity('http://127.0.0.1:1/a'), '');
    expect(await auth.createUserTokenClient(r.claimsIdentity)).toBe(await auth.createUserTokenClient(r.claimsIdentity));
  });

  it('does not keep a failure: the next turn builds the client again', async () => {
    let calls = 0;
    const client = {} as ConnectorClient;
    class Flaky extends ConnectorFactory {
      create(): Promise<ConnectorClient> { calls += 1; return calls === 1 ? Promise.reject(new Error('token endpoint down')) : Promise.resolve(client); }
    }
    class Inner extends BotFrameworkAuthentication {
      authenticateRequest() { return Promise.resolve({ claimsIdentity: new ClaimsIdentity([]), audience: 'aud', callerId: '', connectorFactory: new Flaky() }); }
      authenticateStreamingRequest() { return this.authenticateRequest(); }
      createConnectorFactory() { return new Flaky(); }
      createUserTokenClient() { return Promise.resolve({} as UserTokenClient); }
    }
    const auth = new CachedClientsAuthentication(new Inner());
    const r = await auth.authenticateRequest(activity('http://x'), '');
    await expect(r.connectorFactory!.create('http://x', 'aud')).rejects.toThrow('token endpoint down');
    await new Promise((res) => setImmediate(res));
    await expect(r.connectorFactory!.create('http://x', 'aud')).resolves.toBe(client);
    await expect(r.connectorFactory!.create('http://x', 'aud')).resolves.toBe(client);
    expect(calls).toBe(2);
  });
});
