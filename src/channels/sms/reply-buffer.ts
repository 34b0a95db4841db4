// SMS: a turn's replies leave as one answer (one TwiML response, one text), merged and GSM-7
// only. Channel middleware at the adapter seam, so the bot and its dialogs just send replies.
import type { Activity, BotAdapter, Middleware, ResourceResponse, TurnContext } from 'botbuilder';
import { smsBodies } from '../../sms-text/fit';

/** Holds an SMS turn's messages and sends them merged once the turn (and its state save) is done. */
export class SmsReplyBuffer implements Middleware {
  async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
    // A call's replies are spoken, not texted: no GSM-7 merge (the voice channel renders them).
    if (ctx.activity.channelId !== 'sms') return next();
    const texts: string[] = [];
    let flushing = false;
    ctx.onSendActivities(async (c, activities: Partial<Activity>[], send): Promise<ResourceResponse[]> => {
      if (flushing) return send();
      const passThrough = activities.filter((a) => a.type !== 'message');
      for (const a of activities) if (a.type === 'message' && a.text) texts.push(a.text);
      if (passThrough.length) await c.sendActivities(passThrough);
      return activities.map(() => ({ id: '' }));
    });
    try {
      await next();
    } finally {
      flushing = true;
      const bodies = smsBodies(texts);
      if (bodies.length) await ctx.sendActivities(bodies.map((text) => ({ type: 'message', text })));
    }
  }
}

/** Registers the buffer on an adapter that carries SMS turns (ours, Azure's SMS channel, a test's). */
export function bufferSmsReplies<A extends BotAdapter>(adapter: A): A {
  adapter.use(new SmsReplyBuffer());
  return adapter;
}
