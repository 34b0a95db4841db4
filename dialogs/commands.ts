// The global commands: what a message means whatever question is pending, in the order they
// are tried. The first group answers every message before any conversation (opt-out and START,
// an empty, too long or secret message); the second only interrupts a pending question (AIDE /
// MENU / 0, SUPPRIMER, the answer to an offer SMS, a new request in words, ANNULER, "parler à
// quelqu'un"). docs/conversation-states.md draws them; test/dialogs/state-walk.test.ts walks them.
import { isCommand, isStartCommand, isStopCommand } from '../src/language/commands';
import { classify, isExplicitCancel } from '../src/language/intent';
import { normalize } from '../src/language/normalize';
import { looksLikeSecret } from '../src/language/secrets';
import { readOptOut } from '../src/language/optout';
import { parseYesNo } from '../src/language/answers';
import { isNewRequest } from '../src/conversation/new-request';
import { wantsChange } from '../src/language/change';
import { readYesNo } from '../src/bot/yes-no-prompt';
import { markOptedOut } from '../src/bot/identity';
import { helplineText, say, sayKey, senderNumber } from './say';
import { answerOffers } from './offerReply';
import type { Services } from './services';
import type { Router, StartOptions } from './router';
import type { DialogDoc } from './state';
import type { Turn } from './turn';

export const MAX_TEXT = 1600;

export interface CommandTurn {
  s: Services;
  turn: Turn;
  doc: DialogDoc;
  router: Router;
}

/** 'done': answered; 'next': not this command; 'answer': the message answers the pending question (no later command is tried). */
export type CommandOutcome = 'done' | 'next' | 'answer';

export interface GlobalCommand {
  name: string;
  /** 'always': every message, before any conversation; 'pending': only while a question is pending. */
  when: 'always' | 'pending';
  run(c: CommandTurn): Promise<CommandOutcome>;
}

/** Whatever is pending is left (its held slot let go), and this begins instead. */
async function instead(c: CommandTurn, o: StartOptions): Promise<'done'> {
  await c.router.leave(c.doc.dialog);
  c.doc.dialog = await c.router.start(c.turn, o);
  return 'done';
}

/** The booking form in progress, if a booking's question is pending. */
const draftOf = (doc: DialogDoc) => (doc.dialog?.id === 'booking' ? doc.dialog.state : undefined);
const pendingIs = (doc: DialogDoc, id: string) => doc.dialog?.id === id;

export const GLOBAL_COMMANDS: readonly GlobalCommand[] = [
  {
    name: 'START', when: 'always',
    async run({ s, turn }) {
      const number = senderNumber(turn.ctx);
      if (!number || !isStartCommand(turn.text)) return 'next';
      await s.store.counters.setOptOut(number, false);
      await sayKey(turn.ctx, 'global.start');
      return 'done';
    },
  },
  {
    // No message of any kind to a number that opted out.
    name: 'opted out', when: 'always',
    async run({ s, turn }) {
      const number = senderNumber(turn.ctx);
      return number && (await s.store.counters.isOptedOut(number)) ? 'done' : 'next';
    },
  },
  {
    // Opting out in any words, with the same effect as the exact STOP; a doubtful one is asked.
    name: 'STOP', when: 'always',
    async run({ s, turn, doc, router }) {
      const text = turn.text;
      const asked = doc.optOutAsked === true;
      if (asked) delete doc.optOutAsked;
      const answer = asked ? parseYesNo(text) : null;
      const optOut = isStopCommand(text) ? 'stop' : readOptOut(text);
      if (optOut === 'stop' || answer === 'yes') {
        const number = senderNumber(turn.ctx);
        if (number) await s.store.counters.setOptOut(number, true);
        markOptedOut(turn.ctx);
        await router.leave(doc.dialog);
        delete doc.dialog;
        await sayKey(turn.ctx, 'global.stop');
        return 'done';
      }
      if (answer === 'no') {
        // Kept: the request in progress goes on where it was.
        await sayKey(turn.ctx, doc.dialog ? 'optout.keptResume' : 'optout.kept');
        if (doc.dialog) await router.reprompt(turn, doc.dialog);
        return 'done';
      }
      if (optOut === 'ask' && !asked) {
        doc.optOutAsked = true;
        await sayKey(turn.ctx, 'optout.ask');
        return 'done';
      }
      return 'next';
    },
  },
  {
    name: 'empty', when: 'always',
    async run({ turn }) {
      if (turn.text) return 'next';
      await sayKey(turn.ctx, 'global.empty');
      return 'done';
    },
  },
  {
    name: 'too long', when: 'always',
    async run({ turn }) {
      if (turn.text.length <= MAX_TEXT) return 'next';
      await sayKey(turn.ctx, 'global.tooLong');
      return 'done';
    },
  },
  {
    // Never kept: the text goes nowhere, not even into the conversation's state.
    name: 'secret', when: 'always',
    async run({ turn }) {
      if (!looksLikeSecret(turn.text)) return 'next';
      turn.ctx.activity.text = '';
      await sayKey(turn.ctx, 'global.secret');
      return 'done';
    },
  },
  {
    name: 'AIDE / MENU / 0', when: 'pending',
    async run(c) {
      if (!isCommand('help', c.turn.text)) return 'next';
      if (pendingIs(c.doc, 'menu')) return 'answer'; // the menu answers "0" itself
      const draft = draftOf(c.doc);
      if (draft) draft.suspended = true; // the chosen slot stays held while the menu is shown
      return instead(c, { start: 'menu', draft });
    },
  },
  {
    name: 'SUPPRIMER', when: 'pending',
    async run(c) {
      if (!isCommand('erase', c.turn.text)) return 'next';
      if (pendingIs(c.doc, 'erase')) return 'answer';
      return instead(c, { start: 'erase' });
    },
  },
  {
    // A yes/no to an offer SMS sent after the pending question was asked: the offer is
    // answered, then the pending question is asked again (the request goes on where it was).
    name: 'offer answered', when: 'pending',
    async run({ s, turn, doc, router }) {
      if (!(await answerOffers(s, turn.ctx, turn.text, turn.profile.lastTurnAt ?? 0))) return 'next';
      await sayKey(turn.ctx, 'global.resume');
      await router.reprompt(turn, doc.dialog!);
      return 'done';
    },
  },
  {
    // "Avez-vous besoin d'aide… OUI ou NON ?" answered with anything else: read it afresh.
    name: 'unclear, read afresh', when: 'pending',
    async run(c) {
      if (!pendingIs(c.doc, 'unclear') || readYesNo(c.turn.text) !== null) return 'next';
      return instead(c, { text: c.turn.text });
    },
  },
  {
    // A request barely begun (no need named yet) gives way: "je voudrais changer mon rdv" or a
    // new request in words, whatever was asked before.
    name: 'a new request', when: 'pending',
    async run(c) {
      const raw = c.turn.text;
      if (draftOf(c.doc)?.topic || pendingIs(c.doc, 'menu')) return 'next';
      const start = !pendingIs(c.doc, 'change') && wantsChange(raw) ? 'change' : isNewRequest(raw) ? undefined : null;
      if (start === null) return 'next';
      return instead(c, { text: raw, start });
    },
  },
  {
    // While a request is being filled in, "je ne peux pas venir lundi" is a constraint: only
    // cancel words stop it. ANNULER inside the cancellation itself: its question again, from the start.
    name: 'ANNULER', when: 'pending',
    async run(c) {
      const raw = c.turn.text;
      const text = normalize(raw);
      const draft = draftOf(c.doc);
      const cancels = isCommand('cancel', raw) || (text.split(' ').length <= 6 && classify(text).intent === 'cancel' && (!draft || isExplicitCancel(text)));
      if (!cancels) return 'next';
      if (draft?.topic) {
        await c.router.leave(c.doc.dialog);
        delete c.doc.dialog;
        await sayKey(c.turn.ctx, 'booking.stopped');
        return 'done';
      }
      return instead(c, { start: 'cancel' });
    },
  },
  {
    name: "parler à quelqu'un", when: 'pending',
    async run({ s, turn }) {
      const text = normalize(turn.text);
      if (text.split(' ').length > 8 || classify(text).intent !== 'human') return 'next';
      await say(turn.ctx, helplineText(s.catalogue, turn.profile.territory));
      return 'done';
    },
  },
];
