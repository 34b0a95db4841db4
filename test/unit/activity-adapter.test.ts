// ActivityAdapter.processRequest answers every request as botbuilder's CloudAdapter.process does
// (it only skips process()'s per-request zod checks): same status, same body, same turn.
import {
  CloudAdapter, ConfigurationServiceClientCredentialFactory, createBotFrameworkAuthenticationFromConfiguration, type TurnContext,
} from 'botbuilder';
import type { Request, Response } from 'restify';
import { ActivityAdapter } from '../../src/activity-request';

function auth(appId?: string) {
  const credentials = new ConfigurationServiceClientCredentialFactory(appId ? { MicrosoftAppId: appId, MicrosoftAppPassword: 'x', MicrosoftAppType: 'MultiTenant' } : {});
  return createBotFrameworkAuthenticationFromConfiguration(null, credentials);
}

async function answer(adapter: CloudAdapter, call: (req: Request, res: Response, logic: (ctx: TurnContext) => Promise<void>) => Promise<void>, req: Partial<Request>) {
  const out: { status?: number; body?: unknown; ended: boolean; texts: string[]; thrown?: string } = { ended: false, texts: [] };
  const res = {
    status: (s: number) => { out.status = s; }, send: (b: unknown) => { out.body = b; }, end: () => { out.ended = true; }, header: () => undefined,
  } as unknown as Response;
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    await call({ headers: {}, ...req } as Request, res, async (ctx) => { out.texts.push(ctx.activity.text ?? ''); await ctx.sendActivity(`echo ${ctx.activity.text}`); });
  } catch (err) {
    out.thrown = (err as Error).message; // restify's error handler answers it (500)
  } finally { spy.mockRestore(); warn.mockRestore(); }
  return JSON.parse(JSON.stringify(out)) as typeof out;
}

const message = (extra: object = {}) => ({
  type: 'message', text: 'bonjour', channelId: 'emulator', serviceUrl: 'http://localhost', deliveryMode: 'expectReplies',
  conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' }, timestamp: '2026-12-03T10:00:00Z', ...extra,
});

const CASES: Array<[string, Partial<Request>, string | undefined]> = [
  ['an expectReplies message (anonymous)', { method: 'POST', body: message() }, undefined],
  ['a GET', { method: 'GET', body: message() }, undefined],
  ['an array body', { method: 'POST', body: [message()] }, undefined],
  ['no body', { method: 'POST' }, undefined],
  ['no activity type', { method: 'POST', body: { ...message(), type: undefined } }, undefined],
  ['no Authorization header while an app id is configured', { method: 'POST', body: message() }, '00000000-0000-0000-0000-000000000001'],
  ['a bad Authorization header', { method: 'POST', body: message(), headers: { authorization: 'Bearer nope' } }, '00000000-0000-0000-0000-000000000001'],
];

it.each(CASES)('%s: the same answer as CloudAdapter.process', async (_name, req, appId) => {
  const copy = () => ({ ...req, body: req.body === undefined ? undefined : JSON.parse(JSON.stringify(req.body)) as unknown });
  const theirs = new CloudAdapter(auth(appId));
  const ours = new ActivityAdapter(auth(appId));
  const expected = await answer(theirs, (q, s, l) => theirs.process(q, s, l), copy());
  const actual = await answer(ours, (q, s, l) => ours.processRequest(q, s, l), copy());
  expect(actual).toEqual(expected);
  expect(expected.status ?? expected.thrown).toBeDefined();
});

it('runs the turn and answers its replies in the body (expectReplies)', async () => {
  const ours = new ActivityAdapter(auth());
  const r = await answer(ours, (q, s, l) => ours.processRequest(q, s, l), { method: 'POST', body: message() });
  expect(r.status).toBe(200);
  expect(r.texts).toEqual(['bonjour']);
  expect(JSON.stringify(r.body)).toContain('echo bonjour');
});
