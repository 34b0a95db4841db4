// The baseline: a bare botbuilder echo bot on the same restify stack as the product
// (restify 11, bodyParser, CloudAdapter in anonymous mode, ConversationState saved each turn).
import restify, { type Request, type Response, type Server } from 'restify';
import {
  ActivityHandler, CloudAdapter, ConfigurationServiceClientCredentialFactory, ConversationState,
  createBotFrameworkAuthenticationFromConfiguration, type Storage,
} from 'botbuilder';

export function buildEchoServer(storage: Storage): Server {
  const adapter = new CloudAdapter(createBotFrameworkAuthenticationFromConfiguration(null,
    new ConfigurationServiceClientCredentialFactory({ MicrosoftAppId: '', MicrosoftAppPassword: '' })));
  const state = new ConversationState(storage);
  const turns = state.createProperty<number>('turns');
  const bot = new ActivityHandler();
  bot.onMessage(async (ctx, next) => {
    const n = (await turns.get(ctx, 0)) + 1;
    await turns.set(ctx, n);
    await ctx.sendActivity(`Echo ${n}: ${ctx.activity.text ?? ''}`);
    await next();
  });
  const server = restify.createServer({ name: 'echo-baseline', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: 64 * 1024, mapParams: false, rejectUnknown: false }));
  server.post('/api/messages', async (req: Request, res: Response) => {
    await adapter.process(req, res, async (ctx) => {
      await bot.run(ctx);
      await state.saveChanges(ctx, false);
    });
  });
  return server;
}
