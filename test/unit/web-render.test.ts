// The widget's rendering, on the server: a reply of the dialogs → the activity the widget draws.
import type { Activity, Attachment, CardAction } from 'botbuilder';
import { renderForWebChat, withoutButtonLines } from '../../src/channels/web/render';
import { LocalAdapter } from '../../src/channels/local-adapter';
import { reply, say, siteCard } from '../../dialogs/say';
import type { Site } from '../../src/booking/model';
import { DirectLineConversations } from '../../src/channels/directline/conversations';
import { MemoryStore } from '../../src/store/memory';
import { silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';

const button = (n: number, label: string): CardAction => ({ type: 'messageBack', title: `${n} ${label}`, text: String(n), displayText: `${n} ${label}`, value: String(n) });
const hero = (title: string, subtitle: string): Attachment => ({ contentType: 'application/vnd.microsoft.card.hero', content: { title, subtitle } });
const message = (a: Partial<Activity>): Partial<Activity> => ({ type: 'message', ...a });

/** The replies the real say() sends on a channel, before any channel renders them. */
async function replies(channelId: string, send: Parameters<typeof say> extends [unknown, ...infer R] ? R : never): Promise<Partial<Activity>[]> {
  const adapter = new LocalAdapter(async () => undefined);
  return adapter.runTurn({ type: 'message', channelId, text: 'x', conversation: { id: 'c' } as Activity['conversation'], from: { id: 'u', name: '' } }, (ctx) => say(ctx, ...send));
}

const site = (name: string, line: string, postcode: string, commune: string) => ({ name, address: { line, postcode, commune } }) as unknown as Site;

describe('renderForWebChat', () => {
  it('takes the numbered lines the buttons carry out of the bubble, and leaves the buttons as they are', () => {
    const actions = [button(1, 'CAF'), button(2, 'Impôts')];
    const out = renderForWebChat(message({ text: 'Pour quelle démarche ?\n1 CAF\n2 Impôts', suggestedActions: { to: [], actions } }));
    expect(out).toMatchObject({ type: 'message', text: 'Pour quelle démarche ?', textFormat: 'plain', suggestedActions: { actions } });
  });

  it('keeps the text whole when its last lines are not the buttons, in their order', () => {
    const actions = [button(1, 'Oui'), button(2, 'Non')];
    expect(withoutButtonLines('C\'est bon ?\n2 Non\n1 Oui', actions)).toBe('C\'est bon ?\n2 Non\n1 Oui');
    expect(withoutButtonLines('1 Oui\nC\'est bon ?', actions)).toBe('1 Oui\nC\'est bon ?');
    // Nothing would be left to read: the lines stay.
    expect(withoutButtonLines('1 Oui\n2 Non', actions)).toBe('1 Oui\n2 Non');
    // Buttons that are bare numbers ("1", "2") repeat no line.
    expect(withoutButtonLines('Quel atelier ?\n1 Mardi\n2 Jeudi', [{ type: 'imBack', title: '1', value: '1' }, { type: 'imBack', title: '2', value: '2' }])).toBe('Quel atelier ?\n1 Mardi\n2 Jeudi');
    // A question on several lines keeps all of them.
    expect(withoutButtonLines('Votre rendez-vous :\nmardi 14 h\nC\'est bon ?\n1 Oui\n2 Non', actions)).toBe('Votre rendez-vous :\nmardi 14 h\nC\'est bon ?');
  });

  it('puts each site\'s address into the buttons that name it, and draws no card', () => {
    const out = renderForWebChat(message({
      text: 'Voici 2 rendez-vous possibles.\n1 ven. 4 déc. 14 h, Médiathèque Diderot, Rezé\n2 sam. 5 déc. 9 h 30, Mairie',
      suggestedActions: { to: [], actions: [button(1, 'ven. 4 déc. 14 h, Médiathèque Diderot, Rezé'), button(2, 'sam. 5 déc. 9 h 30, Mairie')] },
      attachments: [hero('Médiathèque Diderot, Rezé', '1 place Diderot, 44400 Rezé'), hero('Mairie', '2 rue de la Mairie, 44000 Nantes')],
    }));
    expect(out.text).toBe('Voici 2 rendez-vous possibles.');
    expect(out.suggestedActions!.actions.map((a) => a.title)).toEqual([
      '1 ven. 4 déc. 14 h, Médiathèque Diderot, Rezé \u2013 1 place Diderot, 44400 Rezé',
      '2 sam. 5 déc. 9 h 30, Mairie \u2013 2 rue de la Mairie, 44000 Nantes',
    ]);
    // What a click sends and shows as the person's words is the choice, without the address.
    expect(out.suggestedActions!.actions.map((a) => [a.value, a.displayText])).toEqual([
      ['1', '1 ven. 4 déc. 14 h, Médiathèque Diderot, Rezé'], ['2', '2 sam. 5 déc. 9 h 30, Mairie'],
    ]);
    expect(out.attachments).toEqual([]);
  });

  it('names a site by its whole name: the longest that ends the button wins, never part of a word', () => {
    const out = renderForWebChat(message({
      text: 'Voici.\n1 mardi, Grande Mairie\n2 jeudi, Mairie\n3 vendredi, Sous-Mairie',
      suggestedActions: { to: [], actions: [button(1, 'mardi, Grande Mairie'), button(2, 'jeudi, Mairie'), button(3, 'vendredi, SousMairie')] },
      attachments: [hero('Mairie', 'A'), hero('Grande Mairie', 'B')],
    }));
    expect(out.suggestedActions!.actions.map((a) => a.title)).toEqual(['1 mardi, Grande Mairie \u2013 B', '2 jeudi, Mairie \u2013 A', '3 vendredi, SousMairie']);
  });

  it('draws a card no button names as one plain-text bubble, before the other attachments', () => {
    const calendar: Attachment = { contentType: 'text/calendar', contentUrl: 'https://x/a.ics', name: 'a.ics' };
    const out = renderForWebChat(message({
      text: 'Les lieux :',
      attachments: [hero('Médiathèque Diderot, Rezé', '1 place Diderot, 44400 Rezé'), calendar, hero('Mairie', '2 rue de la Mairie, 44000 Nantes')],
    }));
    expect(out.text).toBe('Les lieux :');
    expect(out.attachments).toEqual([
      { contentType: 'text/plain', content: 'Médiathèque Diderot, Rezé : 1 place Diderot, 44400 Rezé\nMairie : 2 rue de la Mairie, 44000 Nantes' },
      calendar,
    ]);
  });

  it('sends plain text, and leaves what is not a message as it is', () => {
    expect(renderForWebChat(message({ text: 'Votre nom : *Jeanne* _Martin_' }))).toEqual({ type: 'message', text: 'Votre nom : *Jeanne* _Martin_', textFormat: 'plain' });
    const typing: Partial<Activity> = { type: 'typing' };
    expect(renderForWebChat(typing)).toBe(typing);
  });
});

describe('a reply of the dialogs (say) in the widget', () => {
  const diderot = site('Médiathèque Diderot, Rezé', '1 place Diderot', '44400', 'Rezé');

  it('the question above buttons that carry the numbers and the address', async () => {
    const [sent] = await replies('webchat', ['Voici 1 rendez-vous possible.', ['ven. 4 déc. 14 h, Médiathèque Diderot, Rezé'], [siteCard(diderot)]]);
    // The dialogs' reply is whole, for every channel...
    expect(sent!.text).toBe('Voici 1 rendez-vous possible.\n1 ven. 4 déc. 14 h, Médiathèque Diderot, Rezé');
    // ...and the widget draws its final shape.
    const drawn = renderForWebChat(sent!);
    expect(drawn).toMatchObject({
      text: 'Voici 1 rendez-vous possible.',
      textFormat: 'plain',
      attachments: [],
      suggestedActions: { actions: [{ type: 'messageBack', title: '1 ven. 4 déc. 14 h, Médiathèque Diderot, Rezé \u2013 1 place Diderot, 44400 Rezé', value: '1', text: '1' }] },
    });
  });

  it('a question the dialogs wait on (a workshop, which booking to cancel) and its retry: buttons named by the choices', async () => {
    const adapter = new LocalAdapter(async () => undefined);
    const lines = ['mar. 8 déc. 14 h, Médiathèque centre-ville, Nantes', 'jeu. 10 déc. 10 h, Médiathèque centre-ville, Nantes'];
    const [web, sms] = await Promise.all(['webchat', 'sms'].map((channelId) => adapter.runTurn({ type: 'message', channelId, text: 'x', conversation: { id: 'c' } as Activity['conversation'] }, async (ctx) => {
      await ctx.sendActivity(reply(ctx, 'Ateliers gratuits en groupe :', lines));
    })));
    expect(renderForWebChat(web![0]!)).toMatchObject({
      text: 'Ateliers gratuits en groupe :',
      suggestedActions: { actions: [{ title: `1 ${lines[0]}`, value: '1' }, { title: `2 ${lines[1]}`, value: '2' }] },
    });
    expect(sms![0]).toMatchObject({ text: `Ateliers gratuits en groupe :\n1 ${lines[0]}\n2 ${lines[1]}` });
    expect(sms![0]!.suggestedActions).toBeUndefined();
  });

  it('SMS and a call keep the numbered choices in the text, with no button nor card', async () => {
    for (const channel of ['sms', 'voice']) {
      const [sent] = await replies(channel, ['Pour quelle démarche ?', ['CAF', 'Impôts'], [siteCard(diderot)]]);
      expect(sent).toMatchObject({ type: 'message', text: 'Pour quelle démarche ?\n1 CAF\n2 Impôts' });
      expect(sent!.suggestedActions).toBeUndefined();
      expect(sent!.attachments ?? []).toEqual([]);
    }
  });
});

describe('the widget\'s Direct Line log', () => {
  it('keeps the reply whole and hands it to the widget in its final shape (a log written before the rule too)', async () => {
    const store = new MemoryStore();
    const conversations = new DirectLineConversations({
      store, secret: 's'.repeat(40), logger: silentLogger, metrics: createMetrics(), now: () => new Date('2026-12-03T13:00:00Z'),
      bot: { run: (ctx) => say(ctx, 'Pour quelle démarche ?', ['CAF', 'Impôts']) },
    });
    const claims = { kind: 'dl' as const, conversationId: 'dl-test', userId: 'u-1', exp: 0 };
    await conversations.post(claims, { type: 'message', text: 'bonjour' }, 'http://x');
    const stored = (await store.logs.read('dl:dl-test', 0, 10)).map((e) => JSON.parse(e) as Partial<Activity>);
    expect(stored.map((a) => a.text)).toEqual(['bonjour', 'Pour quelle démarche ?\n1 CAF\n2 Impôts']);
    const { activities } = await conversations.read('dl-test', 0);
    expect(activities.map((a) => [a.from?.role, a.text])).toEqual([['user', 'bonjour'], ['bot', 'Pour quelle démarche ?']]);
    expect(activities[1]!.suggestedActions!.actions.map((a) => a.title)).toEqual(['1 CAF', '2 Impôts']);
  });
});
