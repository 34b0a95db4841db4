// A whole bot over botbuilder's TestAdapter, on a chosen channel, with a fixed clock.
import { TestAdapter, type Activity } from 'botbuilder';
import { createBot } from '../../src/app';
import { bufferSmsReplies } from '../../src/channels/sms/reply-buffer';
import { ConversationDocs } from '../../src/bot/state';
import { loadCatalogue, type Catalogue } from '../../src/booking/catalogue';
import { MemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/store';
import { silentLogger } from '../../src/log';
import { AuditTrail } from '../../src/audit';
import { PersonService, type PersonDeps } from '../../src/person/service';
import { setTurnOrigin, smsOrigin } from '../../src/bot/identity';
import type { WorkshopService } from '../../src/workshop-service';
import type { EarlierService } from '../../src/earlier/service';

/** Wednesday 2026-11-25 10:00 in Paris: the reference instant of the corpus. */
export const NOW = new Date('2026-11-25T09:00:00Z');
export const PHONE = '+33612345678';

let catalogue: Catalogue | undefined;
export const testCatalogue = (): Catalogue => (catalogue ??= loadCatalogue());

export interface Chat {
  store: Store;
  adapter: TestAdapter;
  /** Sends one message, returns the texts the bot answered in that turn. */
  send(text: string, extra?: Partial<Activity>): Promise<string[]>;
  /** Same, with the whole activities (suggested actions, attachments). */
  sendRaw(text: string, extra?: Partial<Activity>): Promise<Partial<Activity>[]>;
  clock: { now: Date };
}

export function makeChat(opts: {
  channel: 'sms' | 'webchat'; store?: Store; from?: string; now?: Date;
  /** Workshops on the same store and clock (absent: the bot offers none). */
  workshops?: (store: Store, now: () => Date) => WorkshopService;
  earlier?: (store: Store, now: () => Date) => EarlierService;
  clock?: { now: Date };
  /** Another catalogue than data/territories.json (e.g. a custom TERRITORIES_FILE). */
  catalogue?: Catalogue;
  /** More of the person service's settings (the change deadline, the move notice). */
  person?: Partial<PersonDeps>;
} ): Chat {
  const store = opts.store ?? new MemoryStore();
  const clock = opts.clock ?? { now: opts.now ?? NOW };
  const bot = createBot(new ConversationDocs(store), {
    catalogue: opts.catalogue ?? testCatalogue(), store, logger: silentLogger, now: () => clock.now,
    person: new PersonService({
      catalogue: opts.catalogue ?? testCatalogue(), store, logger: silentLogger, now: () => clock.now, holdMinutes: 10,
      audit: new AuditTrail(store.logs, 90, () => clock.now.getTime()), ...opts.person,
    }),
    workshops: opts.workshops?.(store, () => clock.now),
    earlier: opts.earlier?.(store, () => clock.now),
  });
  const from = opts.from ?? (opts.channel === 'sms' ? PHONE : 'web-user-1');
  const adapter = bufferSmsReplies(new TestAdapter(async (ctx) => bot.run(ctx), {
    channelId: opts.channel,
    conversation: { id: opts.channel === 'sms' ? from : `conv-${from}`, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: from, name: '' },
    recipient: { id: 'bot', name: 'bot' },
    serviceUrl: 'http://localhost',
  } as never));
  // The harness is the channel: on SMS it vouches for the sender like the signed webhook does.
  adapter.use(async (ctx, next) => {
    setTurnOrigin(ctx, opts.channel === 'sms' ? smsOrigin(ctx.activity.from?.id, true) : { kind: 'channel' });
    await next();
  });
  const sendRaw = async (text: string, extra: Partial<Activity> = {}) => {
    await adapter.receiveActivity({ type: 'message', text, locale: 'en-US', ...extra });
    return adapter.activeQueue.splice(0);
  };
  return {
    store, adapter, clock, sendRaw,
    async send(text, extra) {
      return (await sendRaw(text, extra)).map((a) => a.text ?? '');
    },
  };
}
