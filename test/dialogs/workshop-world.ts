// A memory store with workshops on, for the dialog tests: the service factory the chat takes,
// and sessions created by a coordinator of territory 44.
import { MemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/store';
import { silentLogger } from '../../src/log';
import type { TopicId } from '../../src/booking/model';
import type { Account } from '../../src/coordinator/accounts';
import type { WorkshopView } from '../../src/booking/workshop';
import { WorkshopService } from '../../src/workshop-service';
import { NOW, testCatalogue } from './harness';

export function workshopWorld() {
  const store: Store = new MemoryStore();
  const clock = { now: NOW };
  const service = (s: Store, now: () => Date) => new WorkshopService({
    store: s, catalogue: testCatalogue(), logger: silentLogger, now, outbound: { send: async () => undefined }, offerHours: 12,
  });
  const admin = service(store, () => clock.now);
  const coordinator = { id: 'c1', name: 'Coordination 44', territory: '44' } as unknown as Account;
  const session = async (start: string, siteId = 'nantes-mediatheque-centre-ville', topic: TopicId = 'ordinateur'): Promise<WorkshopView> => {
    const r = await admin.create(coordinator, { siteId, topic, title: 'Tablette et ordinateur', start, durationMinutes: 90, seats: 8 });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.workshop;
  };
  return { store, clock, service, session };
}
