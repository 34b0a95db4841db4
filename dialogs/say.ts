// Sending one reply: numbered choices in the text (what SMS and screen readers get) and, on
// the web, the same choices as buttons.
import { ActionTypes, MessageFactory, type Activity, type TurnContext, type Attachment } from 'botbuilder';
import { t, type Vars } from '../src/i18n';
import type { Catalogue } from '../src/booking/catalogue';
import { helplineOf, helplines } from '../src/booking/helplines';
import type { Site } from '../src/booking/model';
import { fitsOneSegment } from '../src/sms-text/fit';
import { isSms } from '../src/bot/identity';

// The phone-channel tests live with the turn's identity (the bot uses them before any dialog).
export { isSms, isVoice, senderNumber } from '../src/bot/identity';

export function numbered(choices: readonly string[]): string {
  return choices.map((c, i) => `${i + 1} ${c}`).join('\n');
}

/**
 * A question and its numbered choices. On SMS, one segment: as many choices as fit (in order,
 * at least one), then the fullest wording that fits (`questions(n)`: fullest first); elsewhere
 * the first wording and every choice.
 */
export function fitChoices(ctx: TurnContext, questions: (count: number) => readonly string[], choices: readonly string[]): { text: string; count: number } {
  if (!isSms(ctx)) return { text: questions(choices.length)[0], count: choices.length };
  for (let n = choices.length; n >= 1; n--) {
    const text = questions(n).find((q) => fitsOneSegment(`${q}\n${numbered(choices.slice(0, n))}`));
    if (text !== undefined) return { text, count: n };
  }
  const last = questions(1);
  return { text: last[last.length - 1], count: Math.min(1, choices.length) };
}

/**
 * One reply: the text with its numbered choices (what SMS and calls get, whole) and, on every
 * other channel, the same choices as buttons and the attachments.
 */
export function reply(ctx: TurnContext, text: string, choices?: readonly string[], attachments?: Attachment[]): Partial<Activity> {
  const body = choices?.length ? `${text}\n${numbered(choices)}` : text;
  if (isSms(ctx) || !choices?.length) {
    const msg = MessageFactory.text(body);
    if (!isSms(ctx) && attachments?.length) msg.attachments = attachments;
    return msg;
  }
  // The buttons carry the numbers the text asks for ("1 CAF"); a click sends the number and
  // shows "1 CAF" as the person's words (messageBack's displayText), so the transcript still
  // reads well once the buttons are gone. The widget's rendering (src/channels/web/render.ts)
  // then drops the numbered lines from the bubble; the text stays whole for every other reader.
  const msg = MessageFactory.suggestedActions(
    choices.map((c, i) => ({
      type: ActionTypes.MessageBack, title: `${i + 1} ${c}`, text: String(i + 1), displayText: `${i + 1} ${c}`, value: String(i + 1),
    })),
    body,
  );
  if (attachments?.length) msg.attachments = attachments;
  return msg;
}

export async function say(ctx: TurnContext, text: string, choices?: readonly string[], attachments?: Attachment[]): Promise<void> {
  await ctx.sendActivity(reply(ctx, text, choices, attachments));
}

export async function sayKey(ctx: TurnContext, key: string, vars?: Vars, choices?: readonly string[]): Promise<void> {
  await say(ctx, t(key, vars), choices);
}

/** The helpline of the person's territory, or every territory's when we do not know it yet. */
export function helplineText(catalogue: Catalogue, territory?: string): string {
  const own = helplineOf(catalogue, territory);
  if (own) return t('global.human', { helpline: own.display });
  const all = helplines(catalogue).map((h) => t('global.humanLine', { territory: h.territory, helpline: h.display }));
  return t('global.humanAll', { helplines: all.join(', ') });
}

/** One number to call: the person's territory's, else the catalogue's first. */
export function helplineNumber(catalogue: Catalogue, territory?: string): string {
  return (helplineOf(catalogue, territory) ?? helplines(catalogue)[0]).display;
}

/** Site card for the web: name and address, readable without images. */
export function siteCard(site: Site): Attachment {
  return {
    contentType: 'application/vnd.microsoft.card.hero',
    content: { title: site.name, subtitle: `${site.address.line}, ${site.address.postcode} ${site.address.commune}` },
  };
}
