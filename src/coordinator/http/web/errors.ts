// What a program sees when a coordinator API call fails: `{ error: { code, message, field? } }`
// with the status each domain failure maps to (contract). One table per service, here only.
import type { Response } from 'restify';
import type { CatalogueFailure } from '../../catalogue-service';
import type { Failure } from '../../service';
import type { WorkshopFailure } from '../../workshop-admin';

export const API_BASE = '/api/coordinator';

export interface ApiFailure { status: number; code: string; message: string; field?: string }

export function apiError(res: Response, status: number, code: string, message: string, field?: string): void {
  res.status(status);
  res.json({ error: { code, message, ...(field ? { field } : {}) } });
}

export function sendFailure(res: Response, f: ApiFailure): void {
  apiError(res, f.status, f.code, f.message, f.field);
}

const BOOKING: Record<Exclude<Failure['code'], 'conflict'>, ApiFailure> = {
  'not-found': { status: 404, code: 'NotFound', message: 'no such booking' },
  forbidden: { status: 403, code: 'Forbidden', message: 'booking outside your territory' },
  past: { status: 409, code: 'Past', message: 'the appointment has already started' },
  'not-started': { status: 409, code: 'NotStarted', message: 'the appointment has not started yet' },
  'bad-slot': { status: 400, code: 'BadRequest', message: 'slotId: not a bookable slot of this site', field: 'slotId' },
  'slot-taken': { status: 409, code: 'SlotTaken', message: 'slot no longer free' },
};

export function bookingFailure(f: Failure): ApiFailure {
  return f.code === 'conflict' ? { status: 409, code: 'Conflict', message: `booking is ${f.status}` } : BOOKING[f.code];
}

const WORKSHOP: Record<'not-found' | 'forbidden' | 'past' | 'cancelled', ApiFailure> = {
  'not-found': { status: 404, code: 'NotFound', message: 'no such workshop' },
  forbidden: { status: 403, code: 'Forbidden', message: 'workshop outside your territory' },
  past: { status: 409, code: 'Past', message: 'the workshop has already started' },
  cancelled: { status: 409, code: 'Conflict', message: 'workshop is cancelled' },
};

export function workshopFailure(f: WorkshopFailure): ApiFailure {
  if (f.code === 'bad-input') return { status: 400, code: 'BadRequest', message: `${f.field}: ${f.message}`, field: f.field };
  if (f.code === 'seats-taken') {
    return { status: 409, code: 'SeatsTaken', field: 'seats', message: `seats: ${f.taken} seats are taken or held for the waiting list; cannot go below ${f.taken}` };
  }
  return WORKSHOP[f.code];
}

export function catalogueFailure(f: CatalogueFailure): ApiFailure {
  if (f.code === 'forbidden') return { status: 403, code: 'Forbidden', message: f.message };
  if (f.code === 'not-found') return { status: 404, code: 'NotFound', message: f.message };
  return { status: 400, code: 'BadRequest', message: f.message, field: 'field' in f ? f.field : undefined };
}
