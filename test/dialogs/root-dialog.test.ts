// The root dialog alone (no bot, no lock, no store for the state): a plain document in, the
// replies and the document out, on both channels — the seam a channel adapter other than
// botbuilder's (the Microsoft 365 Agents SDK) would call.
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { rootDialog } from '../../dialogs/root';
import { dialogDoc } from '../../dialogs/state';
import { AuditTrail } from '../../src/audit';
import { PersonService } from '../../src/person/service';
import { MemoryStore } from '../../src/store/memory';
import { silentLogger } from '../../src/log';
import { setTurnOrigin } from '../../src/bot/identity';
import { NOW, testCatalogue } from './harness';

function client(channel: 'sms' | 'webchat') {
  const store = new MemoryStore();
  const root = rootDialog({
    catalogue: testCatalogue(), store, logger: silentLogger, now: () => NOW,
    person: new PersonService({
      catalogue: testCatalogue(), store, logger: silentLogger, now: () => NOW, holdMinutes: 10,
      audit: new AuditTrail(store.logs, 90, () => NOW.getTime()),
    }),
  });
  const doc: Record<string, unknown> = {};
  const adapter = new TestAdapter();
  return {
    doc,
    /** One message; the replies it got. */
    async send(text: string): Promise<Partial<Activity>[]> {
      const sent: Partial<Activity>[] = [];
      const ctx = new TurnContext(adapter, {
        type: 'message', text, channelId: channel, conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' },
      } as Partial<Activity>);
      ctx.onSendActivities(async (_c, activities) => { sent.push(...activities); return activities.map(() => ({ id: '' })); });
      setTurnOrigin(ctx, { kind: 'channel' });
      await root.message(ctx, doc, text);
      return sent;
    },
    /** The conversation whose question is pending, if any. */
    pending: () => dialogDoc(doc).dialog?.id,
  };
}

describe.each(['sms', 'webchat'] as const)('the root dialog on %s', (channel) => {
  it('routes a booking request and keeps waiting for the next answer', async () => {
    const c = client(channel);
    const [reply] = await c.send('je voudrais un rdv pour les impots');
    expect(reply!.text).toMatch(/pour vous ou pour un proche/);
    expect(c.pending()).toBe('booking');
    if (channel === 'webchat') expect(reply!.suggestedActions!.actions).toHaveLength(2);
    else expect(reply!.suggestedActions).toBeUndefined();
  });

  it('answers thanks and ends', async () => {
    const c = client(channel);
    const [reply] = await c.send('merci beaucoup');
    expect(reply!.text).toMatch(/Avec plaisir/);
    expect(c.pending()).toBeUndefined();
  });

  it('asks one clarifying question when unclear, then the menu', async () => {
    const c = client(channel);
    expect((await c.send("il fait beau aujourd'hui"))[0]!.text).toMatch(/Avez-vous besoin d'aide/);
    expect(c.pending()).toBe('unclear');
    expect((await c.send('non'))[0]!.text).toMatch(/AIDE/);
    expect(c.pending()).toBeUndefined();
  });

  it('shows the menu on 0 and starts a booking on 1', async () => {
    const c = client(channel);
    expect((await c.send('0'))[0]!.text).toMatch(/1 Prendre rendez-vous/);
    expect(c.pending()).toBe('menu');
    expect((await c.send('1'))[0]!.text).toMatch(/Pour quelle démarche/);
    expect(c.pending()).toBe('booking');
  });

  it('keeps the document plain JSON: what it writes reads back the same', async () => {
    const c = client(channel);
    await c.send('rdv caf');
    expect(JSON.parse(JSON.stringify(c.doc))).toEqual(c.doc);
  });
});
