// Every input shape of the coordinator API and pages (contract): queries, bodies and path ids.
// The pages read their forms into these same shapes, so a rule is written once.
import { z } from 'zod';
import { AttendanceSchema, BOOKING_STATUSES, SiteSchema, TopicIdSchema, VolunteerSchema } from '../../../booking/model';
import { REF_CODE } from '../../../booking/refcode';
import { LOCAL_MINUTE, MAX_SEATS } from '../../../booking/workshop';
import { parseWhen } from '../../service';

export { StatsQuery } from '../../../stats/service';

export const MAX_PAGE = 200;

// ---- bookings ----------------------------------------------------------------------------
const when = z.string().max(40).refine((s) => parseWhen(s) !== null, 'expected a date (YYYY-MM-DD) or an ISO date-time');
/** An optional `from`/`to` already checked by the schema → epoch ms. */
export const epochOf = (s: string | undefined): number | undefined => (s ? parseWhen(s)! : undefined);

export const ListQuery = z.object({
  status: z.enum(BOOKING_STATUSES).optional(),
  site: z.string().max(80).optional(),
  from: when.optional(),
  to: when.optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
});
export const RangeQuery = z.object({ from: when.optional(), to: when.optional() });
export const DeclineBody = z.object({ reason: z.string().trim().min(1, 'a reason is required').max(300) });
export const AttendanceBody = z.object({ status: AttendanceSchema });
export const RescheduleBody = z.object({ slotId: z.string().min(3).max(120) });
export const isRefParam = (s: string): boolean => REF_CODE.test(s);

// ---- catalogue ---------------------------------------------------------------------------
export const CATALOGUE_ID = /^[a-z0-9-]{1,80}$/;
export const ABSENCE_ID = /^ab-[a-z0-9]{6,20}$/;
// `id` may be sent back as read (GET, change, PUT); it must then be the one of the path.
export const SiteBody = SiteSchema.omit({ id: true, territory: true }).extend({ id: z.string().optional(), territory: z.string().optional() }).strict();
export const VolunteerBody = VolunteerSchema.omit({ id: true }).extend({ id: z.string().optional() }).strict();
const Bound = z.string().regex(/^\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d)?$/, 'expected YYYY-MM-DD or YYYY-MM-DDTHH:MM');
export const AbsenceBody = z.object({
  volunteerId: z.string().max(80).optional(),
  siteId: z.string().max(80).optional(),
  from: Bound,
  to: Bound,
  reason: z.string().trim().min(1, 'a reason is required').max(300),
}).strict().refine((a) => Boolean(a.volunteerId) !== Boolean(a.siteId), { message: 'give volunteerId or siteId (one of them)', path: ['volunteerId'] });

// ---- workshops ---------------------------------------------------------------------------
export const CreateWorkshopBody = z.object({
  siteId: z.string().min(1).max(80),
  topic: TopicIdSchema,
  title: z.string().trim().min(1).max(120),
  start: z.string().regex(LOCAL_MINUTE, 'expected YYYY-MM-DDTHH:MM (Paris time)'),
  durationMinutes: z.number().int().min(15).max(480),
  seats: z.number().int().min(1).max(MAX_SEATS),
  volunteerIds: z.array(z.string().max(80)).max(10).optional(),
});
/** PATCH: any of the fields of a new workshop; unknown fields are refused (400). */
export const ChangeWorkshopBody = CreateWorkshopBody.partial().strict();
export const CancelWorkshopBody = z.object({ reason: z.string().trim().min(1, 'a reason is required').max(300) });
