// Routes each new request (book, status, cancel, menu, change, workshop, erase, helpline) to its
// conversation, hands the pending question's answer to the conversation that asked it, and
// decides what follows when one ends (the booking's misunderstandings → the menu; the menu's
// choice → that request). Plain functions over the document's `dialog` (dialogs/state.ts).
import { classify, type Intent } from '../src/language/intent';
import { isCommand } from '../src/language/commands';
import { parseChoice, parseYesNo } from '../src/language/answers';
import type { Form } from '../src/conversation/form';
import { bookingConversation, type BookingResult } from './bookingDialog';
import { cancelConversation } from './cancelDialog';
import { menuConversation, type MenuResult } from './menuDialog';
import { status } from './statusDialog';
import { eraseConversation } from './eraseDialog';
import { changeConversation } from './changeDialog';
import { workshopConversation } from './workshopDialog';
import { unclearConversation } from './unclear';
import { helplineText, isSms, say, sayKey } from './say';
import type { Services } from './services';
import { answerOffers } from './offerReply';
import { askEarlier } from './earlierReply';
import { wantsEarlier } from '../src/earlier/intent';
import { wantsWorkshop } from '../src/workshops/intent';
import { wantsChange } from '../src/language/change';
import type { Active } from './state';
import type { Conversation, Step, Turn } from './turn';

export interface StartOptions {
  text?: string;
  start?: 'booking' | 'status' | 'cancel' | 'menu' | 'erase' | 'change';
  draft?: Form;
  apologise?: boolean;
  /** Misunderstandings so far (the menu gives the number after one more). */
  failures?: number;
}

type Id = Active['id'];
type StateOf<K extends Id> = Extract<Active, { id: K }>['state'];
type Any = Conversation<unknown, unknown, unknown>;

export class Router {
  private readonly conversations: { [K in Id]?: Conversation<StateOf<K>, never, unknown> };

  constructor(private readonly s: Services) {
    this.conversations = {
      booking: bookingConversation(s),
      menu: menuConversation(s),
      unclear: unclearConversation,
      cancel: cancelConversation(s),
      erase: eraseConversation(s),
      change: changeConversation(s),
      ...(s.workshops ? { workshop: workshopConversation(s, s.workshops) } : {}),
    };
  }

  private of(id: Id): Any {
    const c = this.conversations[id];
    if (!c) throw new Error(`no conversation ${id}`);
    return c as unknown as Any;
  }

  /** The pending conversation's answer; what is pending after it. */
  async continue(turn: Turn, active: Active): Promise<Active | undefined> {
    const c = this.of(active.id);
    const step = await c.continue(turn, active.state);
    // Ended: what it holds is let go (a change's held slot), then what follows it.
    if ('end' in step) await c.leave(active.state);
    return this.settle(turn, active.id, step);
  }

  async reprompt(turn: Turn, active: Active): Promise<void> {
    await this.of(active.id).reprompt(turn, active.state);
  }

  /** The pending conversation is interrupted (ANNULER, STOP, the menu, a new request). */
  async leave(active: Active | undefined): Promise<void> {
    if (active) await this.of(active.id).leave(active.state);
  }

  private async begin<K extends Id>(turn: Turn, id: K, options: unknown): Promise<Active | undefined> {
    return this.settle(turn, id, await this.of(id).begin(turn, options));
  }

  private async settle(turn: Turn, id: Id, step: Step<unknown, unknown>): Promise<Active | undefined> {
    if ('wait' in step) return { id, state: step.wait } as Active;
    return this.after(turn, id, step.end);
  }

  /** A conversation ended with this result: what follows, in the same turn. */
  private async after(turn: Turn, id: Id, result: unknown): Promise<Active | undefined> {
    if (id === 'booking') {
      const r = result as BookingResult;
      if (r.outcome === 'menu') return this.start(turn, { start: 'menu', draft: r.draft, apologise: true });
    }
    if (id === 'menu') {
      const r = (result ?? {}) as MenuResult;
      if (r.next) return this.start(turn, { start: r.next, draft: r.draft, text: r.text });
    }
    if (id === 'unclear') {
      if (result === true) return this.start(turn, { start: 'booking' });
      await sayKey(turn.ctx, 'global.unclearNo');
    }
    return undefined;
  }

  /** A new request (the options' `start`, else the words of the message); what is pending after it. */
  async start(turn: Turn, o: StartOptions): Promise<Active | undefined> {
    const s = this.s;
    switch (o.start) {
      case 'booking': return this.begin(turn, 'booking', { draft: o.draft, text: o.text });
      case 'status': await status(s, turn); return undefined;
      case 'cancel': return this.begin(turn, 'cancel', undefined);
      case 'erase': return this.begin(turn, 'erase', undefined);
      case 'change': return this.begin(turn, 'change', { text: o.text });
      case 'menu': return this.begin(turn, 'menu', { draft: o.draft, apologise: o.apologise, failures: o.failures });
      default: break;
    }
    const text = o.text ?? turn.text;
    // OUI/NON to an offer we sent by SMS (a waiting-list seat, an earlier slot).
    if (await answerOffers(s, turn.ctx, text)) return undefined;
    if (s.earlier && wantsEarlier(text)) {
      await askEarlier(s, s.earlier, turn);
      return undefined;
    }
    if (wantsChange(text)) return this.begin(turn, 'change', { text });
    if (s.workshops && wantsWorkshop(text)) return this.begin(turn, 'workshop', { text });
    if (isCommand('erase', text)) return this.begin(turn, 'erase', undefined);
    // "Répondez 1 pour en prendre un": the offer made in the previous answer.
    const profile = turn.profile;
    const offer = profile.offer;
    delete profile.offer;
    if (offer === 'book' && (parseChoice(text, 1) === 1 || parseYesNo(text) === 'yes')) return this.begin(turn, 'booking', {});
    const { intent } = classify(text);
    // Not understood twice in a row: the menu (whose next miss gives the team's number).
    profile.misses = intent === 'unknown' ? (profile.misses ?? 0) + 1 : 0;
    if (profile.misses >= 2) return this.begin(turn, 'menu', { apologise: true, failures: 2 });
    return this.byIntent(turn, intent, text);
  }

  private async byIntent(turn: Turn, intent: Intent, text: string): Promise<Active | undefined> {
    switch (intent) {
      case 'greeting':
        await sayKey(turn.ctx, isSms(turn.ctx) ? 'welcome.hello' : 'welcome.web');
        return this.begin(turn, 'booking', { text });
      case 'book': return this.begin(turn, 'booking', { text });
      case 'status': await status(this.s, turn); return undefined;
      case 'cancel': return this.begin(turn, 'cancel', undefined);
      case 'help': return this.begin(turn, 'menu', {});
      case 'human':
        await say(turn.ctx, helplineText(this.s.catalogue, turn.profile.territory));
        return undefined;
      case 'thanks':
        await sayKey(turn.ctx, 'global.thanks');
        return undefined;
      default: return this.begin(turn, 'unclear', undefined);
    }
  }
}
