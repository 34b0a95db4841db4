// "ANNULER" with no request in progress: cancel an upcoming booking after a yes/no.
import { MessageFactory } from 'botbuilder';
import { formatDateFr } from '../src/booking/format';
import { parseChoice } from '../src/language/answers';
import { t } from '../src/i18n';
import { reply, sayKey } from './say';
import { personOf, type Services } from './services';
import { answerOf, ask, type Prompt } from './prompts';
import { end, wait, type Conversation, type Step, type Turn } from './turn';

/** Which booking (several upcoming), then the yes/no on the one chosen. */
export type CancelState =
  | { stage: 'which'; bookings: { ref: string; start: string }[]; prompt: Prompt }
  | { stage: 'confirm'; ref: string; prompt: Prompt };

export function cancelConversation(s: Services): Conversation<CancelState, undefined, undefined> {
  async function confirm(turn: Turn, booking: { ref: string; start: string }): Promise<Step<CancelState, undefined>> {
    const prompt: Prompt = {
      kind: 'yesNo',
      prompt: MessageFactory.text(t('cancel.confirmOne', { date: formatDateFr(booking.start) })),
      retry: MessageFactory.text(t('retry.consent')),
    };
    await ask(turn.ctx, prompt);
    return wait({ stage: 'confirm', ref: booking.ref, prompt });
  }

  return {
    async begin(turn) {
      const bookings = (await s.person.upcoming(personOf(turn))).map((b) => ({ ref: b.ref, start: b.start }));
      if (bookings.length === 0) {
        await sayKey(turn.ctx, 'cancel.none');
        return end(undefined);
      }
      if (bookings.length === 1) return confirm(turn, bookings[0]!);
      const dates = bookings.map((b) => formatDateFr(b.start));
      const prompt: Prompt = { kind: 'choice', count: bookings.length, prompt: reply(turn.ctx, t('cancel.which'), dates), retry: reply(turn.ctx, t('retry.change'), dates) };
      await ask(turn.ctx, prompt);
      return wait({ stage: 'which', bookings, prompt });
    },
    async continue(turn, st) {
      const a = await answerOf(turn.ctx, st.prompt, turn.text);
      if (!a) return wait(st);
      if (st.stage === 'which') return confirm(turn, st.bookings[(parseChoice(String(a.value), st.bookings.length) ?? 1) - 1]!);
      if (a.value !== true) {
        await sayKey(turn.ctx, 'cancel.kept');
        return end(undefined);
      }
      const r = await s.person.cancel(personOf(turn), st.ref);
      if (!r.ok) await sayKey(turn.ctx, 'cancel.failed');
      else await sayKey(turn.ctx, 'cancel.done', { date: formatDateFr(r.booking.start) });
      return end(undefined);
    },
    reprompt: (turn, st) => ask(turn.ctx, st.prompt),
    leave: async () => undefined,
  };
}
