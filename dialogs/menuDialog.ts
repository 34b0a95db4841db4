// The numbered menu ("AIDE", "MENU", "0", or after two misunderstandings).
import { parseChoice } from '../src/language/answers';
import { isCommand } from '../src/language/commands';
import { classify } from '../src/language/intent';
import type { Form } from '../src/conversation/form';
import { t } from '../src/i18n';
import { helplineText, say, sayKey } from './say';
import { sayFallback } from './fallback';
import type { Services } from './services';
import { end, wait, type Conversation, type Turn } from './turn';

export interface MenuOptions { draft?: Form; apologise?: boolean; /** Misunderstandings before the menu. */ failures?: number }
export type MenuNext = 'booking' | 'status' | 'cancel';
export interface MenuResult { next?: MenuNext; draft?: Form; text?: string }
/** The request waiting behind the menu, if any, and the misunderstandings so far. */
export interface MenuState { draft?: Form; failures: number }

const ENTRIES = ['book', 'status', 'cancel', 'human'] as const;

async function show(turn: Turn, state: MenuState): Promise<void> {
  await say(turn.ctx, t('menu.title'), [
    t(state.draft?.topic ? 'menu.resume' : 'menu.book'), t('menu.status'), t('menu.cancel'), t('menu.human'),
  ]);
}

export function menuConversation(s: Services): Conversation<MenuState, MenuOptions, MenuResult> {
  return {
    async begin(turn, options) {
      const state: MenuState = { draft: options.draft, failures: options.failures ?? options.draft?.failures ?? 0 };
      if (options.apologise) await sayKey(turn.ctx, 'fallback.menu');
      await show(turn, state);
      return wait(state);
    },
    async continue(turn, state) {
      const text = turn.text;
      // "AIDE", "MENU", "0" at the menu: the menu again, not a misunderstanding.
      if (isCommand('help', text)) {
        await show(turn, state);
        return wait(state);
      }
      const n = parseChoice(text, ENTRIES.length);
      const entry = n ? ENTRIES[n - 1] : fromIntent(classify(text).intent);
      switch (entry) {
        // A request in words ("un rendez-vous pour ma retraite") goes with its facts.
        case 'book': return end({ next: 'booking', draft: state.draft, ...(n ? {} : { text }) });
        case 'status': return end({ next: 'status' });
        case 'cancel': return end({ next: 'cancel' });
        case 'human':
          await say(turn.ctx, helplineText(s.catalogue, turn.profile.territory));
          return end({});
        default: {
          state.failures += 1;
          if (state.failures >= 3) {
            // The request behind the menu ends too: the next message starts afresh.
            const chosen = state.draft?.chosen;
            if (chosen) await s.person.release(chosen.slot, chosen.holdId).catch(() => undefined);
            await sayFallback(s, turn, state.draft?.place?.territory);
            return end({});
          }
          await show(turn, state);
          return wait(state);
        }
      }
    },
    reprompt: show,
    leave: async () => undefined,
  };
}

function fromIntent(intent: string): (typeof ENTRIES)[number] | undefined {
  if (intent === 'book') return 'book';
  if (intent === 'status') return 'status';
  if (intent === 'cancel') return 'cancel';
  if (intent === 'human') return 'human';
  return undefined;
}
