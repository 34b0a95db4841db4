// The main dialog alone, through botbuilder-testing's DialogTestClient, on both channels.
import { ConversationState, MemoryStorage } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { MainDialog } from '../../dialogs/mainDialog';
import type { Profile } from '../../dialogs/services';
import { AuditTrail } from '../../src/audit';
import { PersonService } from '../../src/person/service';
import { MemoryStore } from '../../src/store/memory';
import { silentLogger } from '../../src/log';
import { NOW, testCatalogue } from './harness';

function client(channel: 'sms' | 'webchat') {
  const conversationState = new ConversationState(new MemoryStorage());
  const store = new MemoryStore();
  const dialog = new MainDialog({
    catalogue: testCatalogue(), store, logger: silentLogger, now: () => NOW,
    person: new PersonService({
      catalogue: testCatalogue(), store, logger: silentLogger, now: () => NOW, holdMinutes: 10,
      audit: new AuditTrail(store, 90, () => NOW.getTime()),
    }),
    profile: conversationState.createProperty<Profile>('profile'),
  });
  return { store, c: new DialogTestClient(channel, dialog, undefined, [], conversationState) };
}

describe.each(['sms', 'webchat'] as const)('MainDialog on %s', (channel) => {
  it('routes a booking request and keeps waiting for the next answer', async () => {
    const { c } = client(channel);
    const reply = await c.sendActivity({ type: 'message', text: 'je voudrais un rdv pour les impots', locale: 'fr-FR' });
    expect(reply.text).toMatch(/pour vous ou pour un proche/);
    expect(c.dialogTurnResult.status).toBe(DialogTurnStatus.waiting);
    if (channel === 'webchat') expect(reply.suggestedActions.actions).toHaveLength(2);
    else expect(reply.suggestedActions).toBeUndefined();
  });

  it('answers thanks and ends', async () => {
    const { c } = client(channel);
    const reply = await c.sendActivity('merci beaucoup');
    expect(reply.text).toMatch(/Avec plaisir/);
    expect(c.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
  });

  it('asks one clarifying question when unclear, then the menu', async () => {
    const { c } = client(channel);
    expect((await c.sendActivity("il fait beau aujourd'hui")).text).toMatch(/Avez-vous besoin d'aide/);
    expect((await c.sendActivity('non')).text).toMatch(/AIDE/);
    expect(c.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
  });

  it('shows the menu on 0 and starts a booking on 1', async () => {
    const { c } = client(channel);
    expect((await c.sendActivity('0')).text).toMatch(/1 Prendre rendez-vous/);
    expect((await c.sendActivity('1')).text).toMatch(/Pour quelle démarche/);
  });
});
