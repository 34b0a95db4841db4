// One message through the dialogs: the global commands (dialogs/commands.ts), then the pending
// conversation's answer or a new request (dialogs/router.ts), over the conversation's document
// as the bot read it (no copy; the bot writes it once at the end of the turn).
import type { TurnContext } from 'botbuilder';
import type { RootDialog } from '../src/bot';
import type { ConversationDoc } from '../src/bot/state';
import { understand, type Understanding } from '../src/language/understand';
import { GLOBAL_COMMANDS, type CommandTurn } from './commands';
import { Router } from './router';
import { sayKey } from './say';
import type { Services } from './services';
import { dialogDoc, upgradeDoc } from './state';
import type { Turn } from './turn';

const ALWAYS = GLOBAL_COMMANDS.filter((c) => c.when === 'always');
const PENDING = GLOBAL_COMMANDS.filter((c) => c.when === 'pending');

export function rootDialog(s: Services): RootDialog {
  const router = new Router(s);
  return {
    async message(ctx: TurnContext, conversation: ConversationDoc, text: string) {
      const upgraded = upgradeDoc(conversation);
      const doc = dialogDoc(conversation);
      const turn = turnOf(s, ctx, doc, text);
      const c: CommandTurn = { s, turn, doc, router };
      for (const command of ALWAYS) if ((await command.run(c)) !== 'next') return;
      // A question asked before the update that this layer cannot read: said, then the message is read afresh.
      if (upgraded === 'restarted') await sayKey(ctx, 'global.restarted');
      const pending = doc.dialog;
      if (!pending) doc.dialog = await router.start(turn, { text });
      else {
        let outcome: 'done' | 'next' | 'answer' = 'next';
        for (const command of PENDING) if ((outcome = await command.run(c)) !== 'next') break;
        if (outcome !== 'done') doc.dialog = await router.continue(turn, pending);
      }
      if (!doc.dialog) delete doc.dialog;
      // The time the question now pending (if any) was asked: see the offer-answered command.
      turn.profile.lastTurnAt = s.now().getTime();
    },
  };
}

function turnOf(s: Services, ctx: TurnContext, doc: ReturnType<typeof dialogDoc>, text: string): Turn {
  const understood = new Map<string, Understanding>();
  return {
    ctx,
    text,
    get profile() { return (doc.profile ??= { refs: [] }); },
    understand(t: string) {
      let u = understood.get(t);
      if (!u) understood.set(t, (u = understand(t, s.now(), s.catalogue)));
      return u;
    },
  };
}
