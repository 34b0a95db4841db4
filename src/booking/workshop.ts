// Collective workshops ("ateliers collectifs"): the record, its seats and its waiting list.
// Zod schemas are the source of truth; a seat itself is a Booking with kind "workshop".
import crypto from 'node:crypto';
import { z } from 'zod';
import { TopicIdSchema, ChannelSchema } from './model';
import { epochToLocal, localToEpoch } from './slots';

export const LOCAL_MINUTE = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;
export const WORKSHOP_ID = /^[0-9]{2,3}-[a-z0-9]{8}$|^2[AB]-[a-z0-9]{8}$/;
export const MAX_SEATS = 200;

export const WorkshopSchema = z.object({
  /** `${territory}-xxxxxxxx`: the territory is in the id, so every key of it shares one hash tag. */
  id: z.string().regex(WORKSHOP_ID),
  territory: z.string(),
  siteId: z.string().regex(/^[a-z0-9-]+$/),
  topic: TopicIdSchema,
  title: z.string().trim().min(1).max(120),
  /** Paris wall-clock time, `YYYY-MM-DDTHH:MM`. */
  start: z.string().regex(LOCAL_MINUTE),
  startsAt: z.number(),
  durationMinutes: z.number().int().min(15).max(480),
  seats: z.number().int().min(1).max(MAX_SEATS),
  volunteerIds: z.array(z.string().regex(/^[a-z0-9-]+$/)).max(10).default([]),
  status: z.enum(['scheduled', 'cancelled']),
  cancelReason: z.string().max(300).optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Workshop = z.infer<typeof WorkshopSchema>;

/** A workshop with its live counts (what listings show). */
export interface WorkshopView extends Workshop {
  /** Seats given to participants. */
  seatsTaken: number;
  /** Seats held for a waiting-list offer (until the tick collects it once expired). */
  seatsOffered: number;
  waiting: number;
}

export function seatsLeft(w: Pick<WorkshopView, 'seats' | 'seatsTaken' | 'seatsOffered'>): number {
  return Math.max(0, w.seats - w.seatsTaken - w.seatsOffered);
}

export const WaitEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9]{12}$/),
  name: z.string().trim().min(1).max(80),
  phone: z.string().regex(/^\+\d{8,15}$/),
  requestedBy: z.enum(['self', 'relative']),
  channel: ChannelSchema,
  conversationId: z.string().optional(),
  smsConsent: z.boolean().default(true),
  /** epoch ms the person joined (the queue order). */
  since: z.number(),
});
export type WaitEntry = z.infer<typeof WaitEntrySchema>;

/** A seat held for one person of the waiting list until `expiresAt`. */
export interface Offer { id: string; workshopId: string; territory: string; entry: WaitEntry; expiresAt: number }

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
export function randomId(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ID_ALPHABET[crypto.randomInt(ID_ALPHABET.length)];
  return s;
}

export function newWorkshopId(territory: string): string {
  return `${territory}-${randomId(8)}`;
}

export function territoryOfWorkshop(id: string): string | null {
  return WORKSHOP_ID.test(id) ? id.slice(0, id.lastIndexOf('-')) : null;
}

/**
 * The slot id a seat booking carries: one per workshop and start (seats are counted, not
 * keyed). A new start gives the seats a new slot id, so a reminder planned for the old
 * start finds its booking "moved" and a new one is planned.
 */
export function seatSlotId(workshopId: string, start: string): string {
  return `workshop:${workshopId}@${start}`;
}

/** Paris end time of a workshop, `YYYY-MM-DDTHH:MM`. */
export function endOf(start: string, durationMinutes: number): string {
  return epochToLocal((localToEpoch(start) ?? 0) + durationMinutes * 60_000);
}
