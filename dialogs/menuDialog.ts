// The numbered menu ("AIDE", "MENU", "0", or after two misunderstandings).
import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from '../src/bot/dialog-kit';
import { parseChoice } from '../src/language/answers';
import { isCommand } from '../src/language/commands';
import { classify } from '../src/language/intent';
import type { Form } from '../src/conversation/form';
import { t } from '../src/i18n';
import { helplineText, say, sayKey } from './say';
import { sayFallback } from './fallback';
import { getProfile, type Services } from './services';

export const MENU_DIALOG = 'menu';

export interface MenuOptions { draft?: Form; apologise?: boolean; /** Misunderstandings before the menu. */ failures?: number }
export type MenuNext = 'booking' | 'status' | 'cancel';
export interface MenuResult { next?: MenuNext; draft?: Form; text?: string }

const ENTRIES = ['book', 'status', 'cancel', 'human'] as const;

export class MenuDialog extends Dialog<MenuOptions> {
  constructor(private readonly s: Services) {
    super(MENU_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: MenuOptions): Promise<DialogTurnResult> {
    dc.activeDialog!.state.draft = options?.draft;
    dc.activeDialog!.state.failures = options?.failures ?? options?.draft?.failures ?? 0;
    if (options?.apologise) await sayKey(dc.context, 'fallback.menu');
    await this.show(dc.context, dc.activeDialog!.state as { draft?: Form });
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const text = dc.context.activity.text ?? '';
    const state = dc.activeDialog!.state as { draft?: Form; failures: number };
    // "AIDE", "MENU", "0" at the menu: the menu again, not a misunderstanding.
    if (isCommand('help', text)) {
      await this.show(dc.context, state);
      return Dialog.EndOfTurn;
    }
    const n = parseChoice(text, ENTRIES.length);
    const entry = n ? ENTRIES[n - 1] : fromIntent(classify(text).intent);
    switch (entry) {
      // A request in words ("un rendez-vous pour ma retraite") goes with its facts.
      case 'book': return dc.endDialog({ next: 'booking', draft: state.draft, ...(n ? {} : { text }) } satisfies MenuResult);
      case 'status': return dc.endDialog({ next: 'status' } satisfies MenuResult);
      case 'cancel': return dc.endDialog({ next: 'cancel' } satisfies MenuResult);
      case 'human': {
        const profile = await getProfile(this.s, dc.context);
        await say(dc.context, helplineText(this.s.catalogue, profile.territory));
        return dc.endDialog({} satisfies MenuResult);
      }
      default: {
        state.failures += 1;
        if (state.failures >= 3) {
          // The request behind the menu ends too: the next message starts afresh.
          const chosen = state.draft?.chosen;
          if (chosen) await this.s.person.release(chosen.slot, chosen.holdId).catch(() => undefined);
          await sayFallback(this.s, dc.context, state.draft?.place?.territory);
          return dc.endDialog({} satisfies MenuResult);
        }
        await this.show(dc.context, dc.activeDialog!.state as { draft?: Form });
        return Dialog.EndOfTurn;
      }
    }
  }

  override async repromptDialog(context: TurnContext, instance: { state: { draft?: Form } }): Promise<void> {
    await this.show(context, instance.state);
  }

  private async show(ctx: TurnContext, state: { draft?: Form }): Promise<void> {
    const draft = state.draft;
    await say(ctx, t('menu.title'), [
      t(draft?.topic ? 'menu.resume' : 'menu.book'), t('menu.status'), t('menu.cancel'), t('menu.human'),
    ]);
  }
}

function fromIntent(intent: string): (typeof ENTRIES)[number] | undefined {
  if (intent === 'book') return 'book';
  if (intent === 'status') return 'status';
  if (intent === 'cancel') return 'cancel';
  if (intent === 'human') return 'human';
  return undefined;
}
