// "SUPPRIMER": after a yes, upcoming bookings are cancelled and the person's name and number
// are erased from every booking of theirs. Coordinators see it in each booking's audit trail.
import { MessageFactory } from 'botbuilder';
import { t } from '../src/i18n';
import { sayKey } from './say';
import { personOf, type Services } from './services';
import { answerOf, ask, asking, type Prompt } from './prompts';
import { end, wait, type Conversation } from './turn';

export function confirmErase(): Prompt {
  return { kind: 'yesNo', prompt: MessageFactory.text(t('erase.confirm')), retry: MessageFactory.text(t('retry.consent')) };
}

export function eraseConversation(s: Services): Conversation<Prompt, undefined, undefined> {
  return {
    begin: (turn) => asking(turn.ctx, confirmErase()),
    async continue(turn, p) {
      const a = await answerOf(turn.ctx, p, turn.text);
      if (!a) return wait(p);
      if (a.value !== true) {
        await sayKey(turn.ctx, 'erase.kept');
        return end(undefined);
      }
      const { cancelled } = await s.person.erase(personOf(turn));
      turn.profile.refs = [];
      if (cancelled === 0) await sayKey(turn.ctx, 'erase.doneNone');
      else await sayKey(turn.ctx, 'erase.done', { count: cancelled });
      return end(undefined);
    },
    reprompt: (turn, p) => ask(turn.ctx, p),
    leave: async () => undefined,
  };
}
