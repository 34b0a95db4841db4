// What every conversation's step functions are given: the turn (its message, read once; the
// channel's context to answer on; the conversation's profile) and what a step decides.
import type { TurnContext } from 'botbuilder';
import type { Understanding } from '../src/language/understand';

export interface Profile {
  /** Reference codes booked in this conversation (web users have no phone to look up). */
  refs: string[];
  /** Territory learnt from the place, for the right helpline. */
  territory?: string;
  /** An offer made in the last answer that a bare "1" or "oui" takes ("Répondez 1 pour en prendre un"). */
  offer?: 'book';
  /** When the last turn ended (app clock): a question still pending was asked then. */
  lastTurnAt?: number;
  /** When the team's number was last given as a fallback (app clock): once an hour at most. */
  helplineAt?: number;
  /** Messages in a row the router did not understand (a question, then the menu, then the number). */
  misses?: number;
}

export interface Turn {
  /** The channel's context: replies go out through it (dialogs/say.ts), identity is read from it. */
  readonly ctx: TurnContext;
  /** The message, cleaned by the bot. */
  readonly text: string;
  /** This conversation's profile (in its state document). */
  readonly profile: Profile;
  /** What a text of this turn says (topic, for whom, where, when): computed once per text. */
  understand(text: string): Understanding;
}

/** What a step decided: a question is pending (with this state), or the conversation ended (with this result). */
export type Step<S, R> = { wait: S } | { end: R };

export const wait = <S>(state: S): { wait: S } => ({ wait: state });
export const end = <R>(result: R): { end: R } => ({ end: result });

/** One conversation (booking, change, cancel, …): plain step functions over its own state. */
export interface Conversation<S, O, R> {
  begin(turn: Turn, options: O): Promise<Step<S, R>>;
  /** The answer to the pending question. */
  continue(turn: Turn, state: S): Promise<Step<S, R>>;
  /** The pending question again (after an answer to something else, e.g. an offer SMS). */
  reprompt(turn: Turn, state: S): Promise<void>;
  /** The conversation is left, ended or interrupted (ANNULER, STOP, the menu): let go what it holds. */
  leave(state: S): Promise<void>;
}
