// The questions that wait for one kind of answer (yes/no, a number in a list, a name, a mobile,
// any text): the question and its retry are kept in the conversation's state, the answer is read
// with our own rules (src/language). Not understood: the retry, unless the turn already answered.
import type { Activity, TurnContext } from 'botbuilder';
import { parseChoice, parseName } from '../src/language/answers';
import { parsePhone } from '../src/language/phone';
import { readYesNo } from '../src/bot/yes-no-prompt';
import { wait } from './turn';

export type PromptKind = 'yesNo' | 'choice' | 'name' | 'phone' | 'text';

export interface Prompt {
  kind: PromptKind;
  prompt: Partial<Activity>;
  retry?: Partial<Activity>;
  /** choice: how many numbered lines. */
  count?: number;
}

/** The value an answer gives: yesNo → true/false; the others → the text itself. */
function recognise(p: Prompt, text: string): { value: boolean | string } | null {
  switch (p.kind) {
    case 'yesNo': { const v = readYesNo(text); return v === null ? null : { value: v }; }
    case 'choice': return parseChoice(text, p.count ?? 0) !== null ? { value: text } : null;
    case 'name': return parseName(text) !== null ? { value: text } : null;
    case 'phone': return parsePhone(text)?.status === 'mobile' ? { value: text } : null;
    case 'text': return { value: text };
  }
}

export async function ask(ctx: TurnContext, p: Prompt): Promise<void> {
  await ctx.sendActivity(p.prompt);
}

/** Asks, and waits for the answer with the question as the conversation's state. */
export async function asking(ctx: TurnContext, p: Prompt): Promise<{ wait: Prompt }> {
  await ask(ctx, p);
  return wait(p);
}

/** The answer's value; null (after the retry) when it does not answer the question. */
export async function answerOf(ctx: TurnContext, p: Prompt, text: string): Promise<{ value: boolean | string } | null> {
  const r = recognise(p, text);
  if (!r && !ctx.responded) await ctx.sendActivity(p.retry ?? p.prompt);
  return r;
}
