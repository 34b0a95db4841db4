// Mounts the coordinator JSON API and pages on the server.
import type { Server } from 'restify';
import type { Catalog } from '../booking/catalog';
import type { Booking } from '../booking/model';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { NoticeEvent } from '../notices';
import type { Store } from '../store/store';
import type { AuditTrail } from '../audit';
import type { CatalogueSource } from '../catalogue/source';
import { Accounts } from './accounts';
import { CatalogueService } from './catalogue-service';
import { StatsService } from '../stats/service';
import { registerCoordinatorApi } from './api';
import { clientAddressFrom } from '../client-address';
import { registerCoordinatorPages } from './pages';
import { CoordinatorService, type ReminderScheduler } from './service';
import { Sessions } from './session';

export { Accounts } from './accounts';
export { CoordinatorService } from './service';

export interface MountCoordinatorDeps {
  config: Pick<Config, 'publicBaseUrl'> & Partial<Pick<Config, 'trustProxy'>>;
  store: Store;
  catalog: Catalog;
  logger: Logger;
  now: () => Date;
  notify: (booking: Booking, event: NoticeEvent) => Promise<unknown>;
  reminders?: ReminderScheduler;
  audit: AuditTrail;
  /** The live catalogue and its writer (coordinators edit their territory's part). */
  catalogue: CatalogueSource;
}

export function mountCoordinator(server: Server, deps: MountCoordinatorDeps): { service: CoordinatorService; accounts: Accounts; catalogue: CatalogueService; stats: StatsService } {
  const now = () => deps.now().getTime();
  const service = new CoordinatorService(deps);
  const accounts = new Accounts(deps.store, now);
  const catalogue = new CatalogueService({ catalogue: deps.catalogue, store: deps.store, now: deps.now });
  const stats = new StatsService({ store: deps.store, now: deps.now });
  const clientAddress = clientAddressFrom(deps.config.trustProxy ?? []);
  registerCoordinatorApi(server, { service, accounts, store: deps.store, catalogue, stats, clientAddress });
  registerCoordinatorPages(server, {
    service, accounts, store: deps.store, sessions: new Sessions(deps.store, now),
    secureCookies: (deps.config.publicBaseUrl ?? '').startsWith('https:'),
    clientAddress, publicBaseUrl: deps.config.publicBaseUrl,
    programme: { catalogue, stats, now: deps.now },
  });
  return { service, accounts, catalogue, stats };
}
