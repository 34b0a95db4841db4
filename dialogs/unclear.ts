// "Avez-vous besoin d'aide … ? OUI ou NON": the one question after a message not understood.
// Anything but a yes/no is read afresh by the router (dialogs/commands.ts), so this only ever
// gets the yes or the no.
import { MessageFactory } from 'botbuilder';
import { t } from '../src/i18n';
import { answerOf, ask, asking, type Prompt } from './prompts';
import { end, wait, type Conversation } from './turn';

export function unclearPrompt(): Prompt {
  return { kind: 'yesNo', prompt: MessageFactory.text(t('global.unclear')), retry: MessageFactory.text(t('retry.consent')) };
}

/** Ends with the answer: true, a booking; false, how to find the menu. */
export const unclearConversation: Conversation<Prompt, undefined, boolean> = {
  async begin(turn) {
    return asking(turn.ctx, unclearPrompt());
  },
  async continue(turn, p) {
    const a = await answerOf(turn.ctx, p, turn.text);
    return a ? end(a.value === true) : wait(p);
  },
  reprompt: (turn, p) => ask(turn.ctx, p),
  leave: async () => undefined,
};
