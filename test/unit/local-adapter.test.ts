// The in-process adapter stamps the bot's replies with the app's clock, the same clock that
// stamps the person's messages in the conversation log: Web Chat orders a transcript by these
// times, so a reply stamped by another clock would show above the question it answers.
import { LocalAdapter } from '../../src/channels/local-adapter';

it('stamps replies with the clock it is given', async () => {
  const at = new Date('2026-12-04T09:05:00Z');
  const adapter = new LocalAdapter(async () => undefined, () => at);
  const replies = await adapter.runTurn(
    { type: 'message', text: 'bonjour', channelId: 'webchat', conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' }, from: { id: 'u1', name: '' }, recipient: { id: 'bot', name: '' }, serviceUrl: 'local:directline' },
    async (ctx) => { await ctx.sendActivity('un'); await ctx.sendActivity('deux'); },
  );
  expect(replies.map((r) => [r.text, r.timestamp])).toEqual([['un', at], ['deux', at]]);
});
