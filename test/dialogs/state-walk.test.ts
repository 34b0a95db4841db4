// Walks the conversation's state diagram (docs/conversation-states.md, issue 20): every state of
// its table is reached, on SMS and on the web, and from there each way out answers correctly:
// a new request in words, MENU, 0, AIDE, ANNULER and STOP. No state is a dead end.
import fs from 'node:fs';
import path from 'node:path';
import { makeChat, type Chat } from './harness';
import { workshopWorld } from './workshop-world';
import { allKeys, t } from '../../src/i18n';

type Channel = 'sms' | 'webchat';

const DOC = fs.readFileSync(path.join(__dirname, '../../docs/conversation-states.md'), 'utf8');
/** The state ids of the doc's table: the test walks what the doc says. */
const DOC_STATES = [...DOC.matchAll(/^\| `([a-zA-Z.]+)` \|/gm)].map((m) => m[1]!);

const CAF = ['bjr jai besoin daide pour la caf', '44800', 'lundi aprem'];
const HOME = ["j'ai besoin d'aide pour mon portable mais je ne peux pas me déplacer"];
const contact = (ch: Channel) => (ch === 'sms' ? ['Jeanne Martin'] : ['Jeanne Martin', '06 98 76 54 32', 'oui']);
const booked = (ch: Channel) => [...CAF, '1', ...contact(ch), 'oui'];
const twoBooked = (ch: Channel) => [...booked(ch), 'rdv impots pour moi mardi 1er décembre matin à Saint-Herblain', '1', ...contact(ch), 'oui'];
const seat = (ch: Channel) => ['un atelier ordinateur pour moi à Nantes', '1', ...(ch === 'sms' ? ['Jeanne Martin'] : ['Jeanne Martin', '06 98 76 54 32']), 'oui'];

interface Recipe { say: (ch: Channel) => string[]; shows: RegExp; only?: Channel }

const q = (key: string) => new RegExp(t(key).slice(0, 25).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ê/g, '[eê]'));

const STATES: Record<string, Recipe> = {
  idle: { say: () => [], shows: /^$/ },
  unclear: { say: () => ['bla bla'], shows: q('global.unclear') },
  menu: { say: () => ['AIDE'], shows: q('menu.title') },
  'booking.topic': { say: () => ['je voudrais un rendez-vous'], shows: /Pour quelle démarche/ },
  'booking.forWhom': { say: () => ['rdv caf'], shows: q('ask.forWhom') },
  'booking.place': { say: () => [CAF[0]!], shows: /Dans quelle commune/ },
  'booking.placeChoice': { say: () => [CAF[0]!, '44470'], shows: q('ask.placeChoice') },
  // On SMS the soonest proposals come first (src/conversation/form.ts): no "when" question there.
  'booking.when': { say: () => CAF.slice(0, 2), shows: /Quand [eê]tes-vous libre/, only: 'webchat' },
  'booking.whenChoice': { say: () => [...CAF.slice(0, 2), 'lundi 2 décembre'], shows: /pas s[uû]r de la date/ },
  'booking.noHome': { say: (c) => (c === 'sms' ? [...HOME, 'Châteaubriant'] : [...HOME, 'Châteaubriant', 'lundi']), shows: /aucun volontaire ne peut venir à domicile/ },
  'booking.proposal': { say: () => CAF, shows: /\n1 lun\. 30 nov\./ },
  'booking.address': { say: () => [...HOME, 'Carquefou', 'dès que possible', '1'], shows: /Quelle est votre adresse à Carquefou/ },
  'booking.name': { say: () => [...CAF, '1'], shows: /nom et votre prénom/ },
  'booking.phone': { say: () => [...CAF, '1', 'Jeanne Martin'], shows: /numéro de portable/, only: 'webchat' },
  'booking.consent': { say: () => [...CAF, '1', 'Jeanne Martin', '06 98 76 54 32'], shows: /d'accord pour recevoir des SMS/, only: 'webchat' },
  'booking.recap': { say: (ch) => [...CAF, '1', ...contact(ch)], shows: /Je récapitule/ },
  'booking.recapChange': { say: (ch) => [...CAF, '1', ...contact(ch), 'non'], shows: q('ask.change') },
  'cancel.which': { say: (ch) => [...twoBooked(ch), 'je voudrais annuler mon rdv'], shows: q('cancel.which') },
  'cancel.confirm': { say: (ch) => [...booked(ch), 'je voudrais annuler mon rdv'], shows: /Voulez-vous annuler votre rendez-vous du lundi 30 novembre/ },
  'erase.confirm': { say: () => ['SUPPRIMER'], shows: /Voulez-vous effacer votre nom/ },
  'change.which': { say: (ch) => [...twoBooked(ch), 'je voudrais changer mon rdv'], shows: q('change.which') },
  'change.proposal': { say: (ch) => [...booked(ch), 'je voudrais changer mon rdv'], shows: /\n1 [a-z]{3}\. \d/ },
  'change.recap': { say: (ch) => [...booked(ch), 'je voudrais changer mon rdv', '1'], shows: /devient/ },
  'change.session': { say: (ch) => [...seat(ch), 'je voudrais changer de jour pour mon atelier'], shows: q('change.sessions') },
  'workshop.place': { say: () => ['atelier ordinateur'], shows: /Dans quelle commune/ },
  'workshop.choice': { say: () => ['atelier ordinateur', 'Nantes'], shows: /\n1 lun\. 30 nov\. 14 h/ },
  'workshop.name': { say: () => ['un atelier ordinateur pour moi à Nantes', '1'], shows: /nom/ },
};

const REQUEST = 'je voudrais un rendez-vous pour ma retraite';
/** What a dead end says: a retry of the question left behind, the menu's apology, the number. */
const WALLS = [...allKeys().filter((k) => k.startsWith('retry.') || k.startsWith('fallback.')), 'global.unclear', 'change.retry']
  .map((k) => t(k, { helpline: '\u0000', named: '\u0000', commune: '\u0000' }).split('\u0000')[0]!);
/** A reply that opens with one of the walls' words. */
const wall = (replies: string[]) => replies.find((r) => WALLS.some((w) => r.startsWith(w)));
const CANCEL_ANSWERS = [t('booking.stopped'), t('cancel.none'), 'Voulez-vous annuler votre rendez-vous', t('cancel.which')];

/** A chat with workshops on (two sessions of one topic). */
async function world(channel: Channel): Promise<Chat> {
  const { store, clock, service, session } = workshopWorld();
  await session('2026-11-30T14:00');
  await session('2026-12-07T14:00', 'saint-herblain-ccas');
  return makeChat({ channel, store, clock, workshops: service });
}

/** The conversation's saved state, as text (the pending conversation and its request). */
async function stateOf(chat: Chat, channel: Channel): Promise<string> {
  const id = channel === 'sms' ? '+33612345678' : 'conv-web-user-1';
  const key = `state:${channel}/conversations/${id}/`;
  return JSON.stringify((await chat.store.documents.read([key]))[key]?.value ?? {});
}

async function reach(channel: Channel, name: string): Promise<Chat> {
  const chat = await world(channel);
  const r = STATES[name]!;
  let last = '';
  for (const m of r.say(channel)) last = (await chat.send(m)).join('\n');
  expect({ state: name, last }).toEqual({ state: name, last: expect.stringMatching(r.shows) });
  return chat;
}

it('the doc\'s table and the walk name the same states', () => {
  expect(DOC_STATES.length).toBeGreaterThan(20);
  expect([...DOC_STATES].sort()).toEqual(Object.keys(STATES).sort());
});

describe.each(['sms', 'webchat'] as const)('every state has every way out (%s)', (channel) => {
  const names = Object.keys(STATES).filter((n) => !STATES[n]!.only || STATES[n]!.only === channel);

  it.each(names)('%s: a new request in words', async (name) => {
    const chat = await reach(channel, name);
    const r = await chat.send(REQUEST);
    expect({ name, wall: wall(r) }).toEqual({ name, wall: undefined });
    expect(await stateOf(chat, channel)).toContain('"topic":"retraite"');
  });

  it.each(names.flatMap((n) => ['MENU', '0', 'AIDE'].map((w) => [n, w] as const)))('%s: %s shows the menu', async (name, word) => {
    const chat = await reach(channel, name);
    expect((await chat.send(word)).join('\n')).toContain(t('menu.title'));
  });

  it.each(names)('%s: ANNULER', async (name) => {
    const chat = await reach(channel, name);
    const r = (await chat.send('ANNULER')).join('\n');
    expect({ name, ok: CANCEL_ANSWERS.some((a) => r.includes(a)) }).toEqual({ name, ok: true });
  });

  it.each(names)('%s: STOP', async (name) => {
    const chat = await reach(channel, name);
    expect((await chat.send('STOP')).join('\n')).toContain(t('global.stop'));
    // Nothing pending any more: the conversation's document holds no question.
    expect(JSON.parse(await stateOf(chat, channel))).not.toHaveProperty('dialog');
    // Held slots are let go: a new chat on the same store sees the same free slots as before.
    if (channel === 'sms') expect(await chat.send('je voudrais un rendez-vous')).toEqual([]);
  });
});
