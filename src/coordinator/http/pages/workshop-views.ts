// What the two workshop pages share: the flash message after an action, and the seats line.
import { t } from '../../../i18n';
import { seatsLeft, type WorkshopView } from '../../../booking/workshop';
import type { WorkshopFailure } from '../../workshop-admin';
import { flash, html, type Html } from '../web/render';

export const WORKSHOPS_PATH = '/coordinator/workshops';
const DONE = new Set(['created', 'changed', 'unchanged', 'cancelled', 'attendance', 'already']);
const ERRORS = new Set(['input', 'forbidden', 'past', 'reason', 'notStarted', 'notFound', 'cancelled', 'seatsTaken']);

/** The page's error word for a failed action. */
export function errorWord(f: WorkshopFailure): string {
  switch (f.code) {
    case 'not-found': return 'notFound';
    case 'bad-input': return 'input';
    case 'seats-taken': return 'seatsTaken';
    default: return f.code;
  }
}

export function workshopNotice(q: Record<string, unknown>): Html {
  if (typeof q.done === 'string' && DONE.has(q.done)) return flash(t(`workshop.coord.done.${q.done}`));
  if (typeof q.error === 'string' && ERRORS.has(q.error)) return flash(t(`workshop.coord.error.${q.error}`), true);
  return html``;
}

export const seatsText = (w: WorkshopView): string => t('workshop.coord.seats', { taken: w.seatsTaken, seats: w.seats, left: seatsLeft(w) });
