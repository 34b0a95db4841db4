// What every coordinator page is given: the guards and the services it shows.
import type { CatalogueService } from '../../catalogue-service';
import type { CoordinatorService } from '../../service';
import type { StatsService } from '../../../stats/service';
import type { Store } from '../../../store/store';
import type { PageGuards } from '../web/guards';

export interface PageContext {
  guards: PageGuards;
  service: CoordinatorService;
  catalogueService: CatalogueService;
  stats: StatsService;
  store: Store;
  now: () => Date;
}
