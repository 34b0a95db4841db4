// The adapter of the channels the bot serves itself (SMS webhook, Direct Line for the
// widget): a turn runs in-process and its replies are handed back to the caller, no
// Bot Framework service and no outbound call in between.
import {
  BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse,
} from 'botbuilder';
import crypto from 'node:crypto';

export type TurnLogic = (ctx: TurnContext) => Promise<void>;
export type Deliver = (reference: Partial<ConversationReference>, activities: Partial<Activity>[]) => Promise<void>;

const REPLIES = Symbol('replies');

export class LocalAdapter extends BotAdapter {
  /**
   * @param deliver where replies of proactive turns (continueConversation) go: the SMS
   * outbound queue or the Direct Line conversation log.
   * @param now the app's clock: replies are stamped with it, as the incoming messages of the
   * conversation log are (Web Chat orders a transcript by these times).
   */
  constructor(private readonly deliver: Deliver, private readonly now: () => Date = () => new Date()) {
    super();
  }

  /** Runs one incoming activity; resolves with the bot's replies, in order. */
  async runTurn(activity: Partial<Activity>, logic: TurnLogic): Promise<Partial<Activity>[]> {
    const ctx = new TurnContext(this, activity);
    const replies: Partial<Activity>[] = [];
    ctx.turnState.set(REPLIES, replies);
    await this.runMiddleware(ctx, logic);
    return replies;
  }

  override async sendActivities(ctx: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const replies = ctx.turnState.get(REPLIES) as Partial<Activity>[] | undefined;
    const stamped = activities
      .filter((a) => a.type !== 'delay')
      .map((a) => ({ ...a, id: a.id ?? crypto.randomUUID(), timestamp: this.now() }));
    if (replies) replies.push(...stamped);
    else await this.deliver(TurnContext.getConversationReference(ctx.activity), stamped);
    return stamped.map((a) => ({ id: a.id! }));
  }

  override async updateActivity(): Promise<void> { /* SMS cannot edit a sent message */ }
  override async deleteActivity(): Promise<void> { /* nor delete one */ }

  override async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    const ctx = new TurnContext(this, activity);
    await this.runMiddleware(ctx, logic);
  }
}
