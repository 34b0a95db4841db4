// The coordinator pages under /coordinator, one file each. Same rules everywhere: a session
// cookie (web/session.ts), the CSRF token on every POST (403 without it), a 303 back to the
// page after an action, every sentence from fr.json, usable at phone width.
import type { Server } from 'restify';
import type { ClientAddress } from '../../../client-address';
import type { WorkshopAdmin } from '../../workshop-admin';
import type { Accounts } from '../../accounts';
import { pageGuards } from '../web/guards';
import type { Sessions } from '../web/session';
import { registerAbsencesPage } from './absences';
import { registerAgendaPage } from './agenda';
import { registerBookingPage } from './booking';
import { registerBookingsPage } from './bookings';
import { registerCataloguePage } from './catalogue';
import type { PageContext } from './context';
import { registerSignIn } from './sign-in';
import { registerStatsPage } from './stats';
import { registerWorkshopPage } from './workshop';
import { registerWorkshopsPage } from './workshops';

export interface PagesDeps extends Omit<PageContext, 'guards'> {
  accounts: Accounts; sessions: Sessions; secureCookies: boolean;
  /** The client's address (TRUST_PROXY-aware): sign-in failures are counted per address. */
  clientAddress: ClientAddress;
  /** Our own origin for the sign-in form's Origin check (else the Host the browser used). */
  publicBaseUrl?: string;
  workshops?: WorkshopAdmin;
}

export function registerCoordinatorPages(server: Server, deps: PagesDeps): void {
  const guards = pageGuards(deps);
  const c: PageContext = { ...deps, guards };
  registerSignIn(server, { ...deps, guards });
  registerBookingsPage(server, c);
  registerBookingPage(server, c);
  registerCataloguePage(server, c);
  registerAbsencesPage(server, c);
  registerAgendaPage(server, c);
  registerStatsPage(server, c);
  if (deps.workshops) {
    registerWorkshopsPage(server, guards, deps.workshops);
    registerWorkshopPage(server, guards, deps.workshops, deps.service);
  }
}
