// Mounts the coordinator JSON API and pages on the server.
import type { Server } from 'restify';
import type { Catalogue } from '../../booking/catalogue';
import type { Booking } from '../../booking/model';
import type { Config } from '../../config';
import type { Logger } from '../../log';
import type { NoticeEvent } from '../../notices';
import type { Store } from '../../store/store';
import type { AuditTrail } from '../../audit';
import type { CatalogueSource } from '../../catalogue/source';
import type { WorkshopAdmin } from '../workshop-admin';
import { Accounts } from '../accounts';
import { CatalogueService } from '../catalogue-service';
import { StatsService } from '../../stats/service';
import { bookingView, registerBookingsApi } from './api/bookings';
import { registerCatalogueApi } from './api/catalogue';
import { registerWorkshopApi } from './api/workshops';
import { clientAddressFrom } from '../../client-address';
import { registerCoordinatorPages } from './pages/index';
import { CoordinatorService, type ReminderScheduler } from '../service';
import { bearerAuth } from './web/auth';
import { apiRoute } from './web/route';
import { Sessions } from './web/session';

export { Accounts } from '../accounts';
export { CoordinatorService } from '../service';

export interface MountCoordinatorDeps {
  config: Pick<Config, 'publicBaseUrl'> & Partial<Pick<Config, 'trustProxy'>>;
  store: Store;
  catalogue: Catalogue;
  logger: Logger;
  now: () => Date;
  notify: (booking: Booking, event: NoticeEvent) => Promise<unknown>;
  reminders?: ReminderScheduler;
  audit: AuditTrail;
  /** The live catalogue and its writer (coordinators edit their territory's part). */
  catalogueSource: CatalogueSource;
  /** Workshops (their API and pages are mounted with the rest when given). */
  workshops?: WorkshopAdmin;
}

export function mountCoordinator(server: Server, deps: MountCoordinatorDeps): { service: CoordinatorService; accounts: Accounts; catalogueService: CatalogueService; stats: StatsService } {
  const now = () => deps.now().getTime();
  const { store } = deps;
  const service = new CoordinatorService(deps);
  const accounts = new Accounts(store.records, now);
  const catalogueService = new CatalogueService({ source: deps.catalogueSource, store, now: deps.now });
  const stats = new StatsService({ store, now: deps.now });
  const clientAddress = clientAddressFrom(deps.config.trustProxy ?? []);

  const route = apiRoute(bearerAuth({ accounts, store, clientAddress }));
  registerBookingsApi(server, route, service);
  registerCatalogueApi(server, route, { catalogueService, stats, view: bookingView(service) });
  if (deps.workshops) registerWorkshopApi(server, route, deps.workshops);

  registerCoordinatorPages(server, {
    service, catalogueService, stats, store, now: deps.now, accounts, sessions: new Sessions(store.documents, now),
    secureCookies: (deps.config.publicBaseUrl ?? '').startsWith('https:'),
    clientAddress, publicBaseUrl: deps.config.publicBaseUrl, workshops: deps.workshops,
  });
  return { service, accounts, catalogueService, stats };
}
