// What a program sees when a coordinator API call fails: `{ error: { code, message, field? } }`
// with the status each domain failure maps to (contract). One table per service, here only.
import type { Response } from 'restify';
import type { CatalogueFailure } from '../catalogue-service';
import type { Failure } from '../service';
import type { WorkshopFailure } from '../workshop-admin';

export const API_BASE = '/api/coordinator';

export interface ApiFailure { status: number; code: string; message: string; field?: string }

export function apiError(res: Response, status: number, code: string, message: string, field?: string): void {
  res.status(status);
  res.json({ error: { code, message, ...(field ? { field } : {}) } });
}

export function sendFailure(res: Response, f: ApiFailure): void {
  apiError(res, f.status, f.code, f.message, f.field);
}

export function bookingFailure(f: Failure): ApiFailure {
  switch (f.code) {
    case 'not-found': return { status: 404, code: 'NotFound', message: 'no such booking' };
    case 'forbidden': return { status: 403, code: 'Forbidden', message: 'booking outside your territory' };
    case 'past': return { status: 409, code: 'Past', message: 'the appointment has already started' };
    case 'not-started': return { status: 409, code: 'NotStarted', message: 'the appointment has not started yet' };
    case 'bad-slot': return { status: 400, code: 'BadRequest', message: 'slotId: not a bookable slot of this site', field: 'slotId' };
    case 'slot-taken': return { status: 409, code: 'SlotTaken', message: 'slot no longer free' };
    case 'conflict': return { status: 409, code: 'Conflict', message: `booking is ${f.status}` };
  }
}

export function workshopFailure(f: WorkshopFailure): ApiFailure {
  switch (f.code) {
    case 'not-found': return { status: 404, code: 'NotFound', message: 'no such workshop' };
    case 'forbidden': return { status: 403, code: 'Forbidden', message: 'workshop outside your territory' };
    case 'past': return { status: 409, code: 'Past', message: 'the workshop has already started' };
    case 'cancelled': return { status: 409, code: 'Conflict', message: 'workshop is cancelled' };
    case 'bad-input': return { status: 400, code: 'BadRequest', message: `${f.field}: ${f.message}`, field: f.field };
    case 'seats-taken': return {
      status: 409, code: 'SeatsTaken', field: 'seats',
      message: `seats: ${f.taken} seats are taken or held for the waiting list; cannot go below ${f.taken}`,
    };
  }
}

export function catalogueFailure(f: CatalogueFailure): ApiFailure {
  if (f.code === 'forbidden') return { status: 403, code: 'Forbidden', message: f.message };
  if (f.code === 'not-found') return { status: 404, code: 'NotFound', message: f.message };
  return { status: 400, code: 'BadRequest', message: f.message, field: 'field' in f ? f.field : undefined };
}
