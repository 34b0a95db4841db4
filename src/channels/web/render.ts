// What a bot message becomes in the widget (issue 21, item 5). The dialogs send one reply for
// every channel: the question with its numbered choices in the text (what SMS, a call and the
// Emulator get), the same choices as buttons, and a card per site. The widget only draws what
// it is sent, so its final shape is made here, on the server, where it is tested:
// - the numbered lines the buttons carry leave the bubble (the question stays in view above
//   the buttons on a small screen, and a screen reader does not read each choice twice);
// - a site's address goes into the buttons that name that site (Web Chat's minimal bundle
//   draws no cards), other cards become one plain-text bubble;
// - the text is plain: what the person typed (a name, an address) is never read as Markdown.
import type { Activity, Attachment, CardAction } from 'botbuilder';
import { t } from '../../i18n';

const HERO_CARD = 'application/vnd.microsoft.card.hero';

interface HeroContent { title?: string; subtitle?: string; text?: string }

/** A bot activity as the widget draws it; anything but a message goes as it is. */
export function renderForWebChat(activity: Partial<Activity>): Partial<Activity> {
  if (activity.type !== 'message') return activity;
  const actions = activity.suggestedActions?.actions ?? [];
  const text = typeof activity.text === 'string' ? withoutButtonLines(activity.text, actions) : activity.text;
  const cards = cardsIntoButtons(actions, activity.attachments ?? []);
  return {
    ...activity,
    ...(text !== undefined ? { text } : {}),
    textFormat: 'plain',
    ...(activity.suggestedActions ? { suggestedActions: { ...activity.suggestedActions, actions: cards.actions } } : {}),
    ...(activity.attachments ? { attachments: cards.attachments } : {}),
  };
}

/**
 * The text without the lines its buttons repeat: only when it ends with the buttons' titles,
 * one per line and in their order (how the dialogs write a question and its choices), and
 * something is left to read.
 */
export function withoutButtonLines(text: string, actions: readonly CardAction[]): string {
  const titles = actions.map((a) => (typeof a.title === 'string' ? a.title.trim() : ''));
  if (!titles.length || titles.some((title) => !title)) return text;
  const lines = text.split('\n');
  const head = lines.slice(0, -titles.length);
  const tail = lines.slice(-titles.length).map((l) => l.trim());
  if (lines.length <= titles.length || tail.some((l, i) => l !== titles[i]) || !head.join('').trim()) return text;
  return head.join('\n').trimEnd();
}

/** Whether a button's title ends with this site's name, as a whole word ("…, Médiathèque Diderot"). */
function names(title: string, site: string): boolean {
  if (!site || !title.endsWith(site)) return false;
  const before = title.slice(0, title.length - site.length);
  return before === '' || !/[\p{L}\p{N}]$/u.test(before);
}

function heroOf(a: Attachment): HeroContent | undefined {
  return a.contentType === HERO_CARD && a.content && typeof a.content === 'object' ? a.content as HeroContent : undefined;
}

/**
 * A card with a title and an address that a button names: the address joins that button,
 * where the person reads it with the day and the time, and the card is not drawn. A button
 * names the card whose name is the longest end of its title ("Grande Mairie" over "Mairie").
 * The other cards: one plain-text bubble, a line each, before the other attachments.
 */
export function cardsIntoButtons(actions: readonly CardAction[], attachments: readonly Attachment[]): { actions: CardAction[]; attachments: Attachment[] } {
  const sites = attachments.flatMap((a) => {
    const card = heroOf(a);
    return card?.title && card.subtitle ? [{ a, title: card.title, address: card.subtitle }] : [];
  });
  const used = new Set<Attachment>();
  const out = actions.map((x) => {
    if (typeof x.title !== 'string') return x;
    const title = x.title;
    const site = sites.filter((s) => names(title, s.title)).sort((p, q) => q.title.length - p.title.length)[0];
    if (!site) return x;
    used.add(site.a);
    return { ...x, title: t('widget.choiceAt', { choice: title, address: site.address }) };
  });
  const lines: string[] = [];
  const others: Attachment[] = [];
  for (const a of attachments) {
    const card = heroOf(a);
    if (!card) { others.push(a); continue; }
    if (used.has(a)) continue;
    const { title, subtitle } = card;
    const line = title && subtitle ? t('widget.cardLine', { title, subtitle }) : title || subtitle;
    const all = [line, card.text].filter(Boolean).join('\n');
    if (all) lines.push(all);
  }
  const text = lines.join('\n');
  return { actions: out, attachments: text ? [{ contentType: 'text/plain', content: text }, ...others] : others };
}
