// The one contract both stores must pass (memory.test.ts, redis.test.ts): every port's suite
// against one store built fresh for each test.
import type { Store } from '../../src/store/store';
import { bookingsContract } from './bookings-contract';
import { catalogueContract } from './catalogue-contract';
import { countersContract } from './counters-contract';
import { documentsContract } from './documents-contract';
import { logsContract } from './logs-contract';
import { recordsContract } from './records-contract';
import { workshopContract } from './workshop-contract';

export function storeContract(name: string, makeStore: () => Promise<Store>, cleanup?: (store: Store) => Promise<void>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => { store = await makeStore(); });
    afterEach(async () => {
      if (cleanup) await cleanup(store);
      await store.close();
    });

    bookingsContract(() => store.bookings);
    workshopContract(() => store);
    documentsContract(() => store.documents);
    countersContract(() => store.counters);
    logsContract(() => store.logs);
    recordsContract(() => store.records);
    catalogueContract(() => store.catalogue);

    it('answers ping', async () => {
      expect(await store.ping()).toBe(true);
    });
  });
}
