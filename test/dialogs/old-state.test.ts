// Conversations in flight across the deploy of the flat dialog layer: documents written by the
// botbuilder-dialogs bot (test/fixtures/old-conversation-state.json, captured from it with the
// next message and the replies it gave) go on with the same replies; a stack that cannot be
// read starts politely over instead of failing the turn.
import fs from 'node:fs';
import path from 'node:path';
import { makeChat, type Chat } from './harness';
import { workshopWorld } from './workshop-world';
import { t } from '../../src/i18n';

type Channel = 'sms' | 'webchat';
interface Captured { name: string; channel: Channel; doc: Record<string, unknown>; next: string; replies: string[] }

const CAPTURED = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/old-conversation-state.json'), 'utf8')) as Captured[];

async function chatWith(channel: Channel, doc: unknown): Promise<{ chat: Chat; key: string }> {
  const { store, clock, service, session } = workshopWorld();
  await session('2026-11-30T14:00');
  await session('2026-12-07T14:00', 'saint-herblain-ccas');
  const chat = makeChat({ channel, store, clock, workshops: service });
  const key = `state:${channel}/conversations/${channel === 'sms' ? '+33612345678' : 'conv-web-user-1'}/`;
  await store.documents.write({ [key]: { value: doc } });
  return { chat, key };
}

it('the fixtures cover every kind of pending conversation of the old bot, on both channels', () => {
  const kinds = new Set(CAPTURED.map((c) => `${c.channel} ${c.name.split('.')[0]}`));
  for (const channel of ['sms', 'webchat']) {
    for (const kind of ['booking', 'menu', 'unclear', 'erase', 'cancel', 'workshop']) expect(kinds).toContain(`${channel} ${kind}`);
  }
});

it.each(CAPTURED.map((c) => [`${c.channel} ${c.name}`, c] as const))('%s: the next message gets the old bot\'s replies', async (_name, c) => {
  const { chat, key } = await chatWith(c.channel, c.doc);
  expect(await chat.send(c.next)).toEqual(c.replies);
  // Read once and rewritten in the new shape: the old stack is gone, the profile kept.
  const after = (await chat.store.documents.read([key]))[key]!.value as Record<string, unknown>;
  expect(after).not.toHaveProperty('dialogState');
  expect(after.profile).toMatchObject({ refs: (c.doc.profile as { refs: string[] } | undefined)?.refs ?? [] });
});

it('a stack it cannot read: said, and the message read afresh (no failed turn)', async () => {
  const broken = { dialogState: { dialogStack: [{ id: 'main', state: { dialogs: { dialogStack: [{ id: 'router', state: {} }, { id: 'someDialogOfLastYear', state: { x: 1 } }] } } }] }, profile: { refs: [] } };
  const { chat, key } = await chatWith('webchat', broken);
  const replies = await chat.send('rdv caf');
  expect(replies[0]).toBe(t('global.restarted'));
  expect(replies[1]).toMatch(/pour vous ou pour un proche/);
  expect((await chat.store.documents.read([key]))[key]!.value).toMatchObject({ dialog: { id: 'booking' } });
  // Once only: the next message is an ordinary answer.
  expect((await chat.send('pour moi'))[0]).not.toBe(t('global.restarted'));
});

it('an old document with nothing pending is simply read', async () => {
  const { chat } = await chatWith('sms', { dialogState: { dialogStack: [] }, profile: { refs: [], territory: '44' } });
  expect(await chat.send('merci')).toEqual([t('global.thanks')]);
});
