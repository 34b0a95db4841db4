// Domain model: the import format of data/territories.json and the booking record.
// Zod schemas are the single source of truth; types are inferred from them.
import { z } from 'zod';
import { REF_CODE } from './refcode';

export const TOPIC_IDS = [
  'caf', 'impots', 'sante', 'retraite', 'emploi',
  'identite', 'smartphone', 'ordinateur', 'email', 'visio',
] as const;
export const TopicIdSchema = z.enum(TOPIC_IDS);
export type TopicId = z.infer<typeof TopicIdSchema>;

/** Every wall-clock time of the programme is Paris time. */
export const ZONE = 'Europe/Paris';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure attendue au format HH:MM');

export const TerritorySchema = z.object({
  id: z.string().regex(/^[0-9]{2,3}$|^2[AB]$/, 'code de département attendu'),
  name: z.string().min(1),
  helpline: z.string().regex(/^\+33[1-9]\d{8}$/, 'numéro E.164 français attendu'),
  /** Who signs the SMS ("Les Connectés" when absent), e.g. the Département's programme name. */
  senderName: z.string().min(1).max(30).optional(),
  /** Who carries this territory's outbound SMS (absent: SMS_PROVIDER_DEFAULT); see docs/channels.md. */
  smsProvider: z.enum(['twilio', 'smsfactor']).optional(),
});

export const SiteSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  kind: z.enum(['mediatheque', 'maison_de_quartier', 'cms', 'mairie', 'ccas', 'france_services', 'tiers_lieu', 'association', 'autre']),
  territory: z.string(),
  address: z.object({
    line: z.string(),
    postcode: z.string().regex(/^\d{5}$/),
    commune: z.string().min(1),
    insee: z.string().regex(/^\d[0-9AB]\d{3}$/),
  }),
  location: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
  accessible: z.boolean(),
  slotMinutes: z.number().int().min(15).max(240),
  /** Opening hours of the place (shown to coordinators; volunteers' hours are what is booked). */
  opening: z.array(z.object({ weekday: z.enum(WEEKDAYS), from: HHMM, to: HHMM })).optional(),
  /** Where an imported place comes from, e.g. `lieux-de-mediation-numerique:<id>`. */
  source: z.string().max(200).optional(),
});

export const AvailabilitySchema = z.object({
  site: z.string(),
  weekday: z.enum(WEEKDAYS),
  from: HHMM,
  to: HHMM,
}).refine((a) => a.from < a.to, { message: '"from" doit précéder "to"', path: ['to'] });

export const VolunteerSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  firstName: z.string().min(1),
  topics: z.array(TopicIdSchema).min(1),
  homeVisits: z.boolean(),
  homeVisitRadiusKm: z.number().min(0).max(100),
  availability: z.array(AvailabilitySchema),
});

export const TerritoriesFileSchema = z.object({
  timezone: z.literal(ZONE),
  territories: z.array(TerritorySchema).min(1),
  topics: z.array(z.object({ id: TopicIdSchema, label: z.string().min(1) })),
  sites: z.array(SiteSchema).min(1),
  volunteers: z.array(VolunteerSchema),
  sources: z.string().optional(),
});

/** `YYYY-MM-DDTHH:MM`, Paris wall-clock. */
export const LocalDateTimeSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/, 'date et heure attendues (AAAA-MM-JJTHH:MM)');

/** A volunteer's leave or a site's closure, [from, to) in Paris wall-clock time. */
export const AbsenceSchema = z.object({
  id: z.string().regex(/^ab-[a-z0-9]{6,20}$/),
  territory: z.string(),
  volunteerId: z.string().optional(),
  siteId: z.string().optional(),
  from: LocalDateTimeSchema,
  to: LocalDateTimeSchema,
  reason: z.string().max(300),
  createdAt: z.number(),
  createdBy: z.string().optional(),
}).refine((a) => a.from < a.to, { message: '"from" doit précéder "to"', path: ['to'] })
  .refine((a) => Boolean(a.volunteerId) !== Boolean(a.siteId), { message: 'volunteerId ou siteId (un seul)', path: ['volunteerId'] });
export type Absence = z.infer<typeof AbsenceSchema>;

export type Territory = z.infer<typeof TerritorySchema>;
export type Site = z.infer<typeof SiteSchema>;
export type Volunteer = z.infer<typeof VolunteerSchema>;
export type Availability = z.infer<typeof AvailabilitySchema>;
export type TerritoriesFile = z.infer<typeof TerritoriesFileSchema>;

/** Local wall-clock time in Europe/Paris, `YYYY-MM-DDTHH:MM`. Never a UTC instant. */
export type LocalDateTime = string;

/**
 * One bookable appointment of one volunteer. `id` = `${volunteerId}@${start}`: a volunteer
 * can only be in one place at a time, so the id is also the reservation key.
 */
export interface Slot {
  id: string;
  volunteerId: string;
  siteId: string;
  territory: string;
  start: LocalDateTime;
  end: LocalDateTime;
  /** UTC epoch ms of `start`, computed with luxon in Europe/Paris (for ordering and TTLs). */
  startsAt: number;
  mode: 'site' | 'home';
}

export const BOOKING_STATUSES = ['pending', 'confirmed', 'declined', 'cancelled'] as const;
export const BookingStatusSchema = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof BookingStatusSchema>;

/** After the appointment: the person came, did not come, or warned in time (contract). */
export const ATTENDANCE = ['seen', 'noshow', 'excused'] as const;
export const AttendanceSchema = z.enum(ATTENDANCE);
export type Attendance = z.infer<typeof AttendanceSchema>;

export const ChannelSchema = z.enum(['sms', 'voice', 'webchat', 'directline', 'emulator', 'test', 'other']);
/** The channels of the web widget: its conversation can be written to later. */
export const WEB_CHANNELS: ReadonlySet<string> = new Set<Channel>(['webchat', 'directline']);

export const BookingSchema = z.object({
  /** Reference code shown to people, `K7P-42Q`. Also the record id. */
  ref: z.string().regex(REF_CODE),
  status: BookingStatusSchema,
  territory: z.string(),
  topic: TopicIdSchema,
  slotId: z.string(),
  siteId: z.string(),
  volunteerId: z.string(),
  start: z.string(),
  end: z.string(),
  startsAt: z.number(),
  mode: z.enum(['site', 'home']),
  /** A seat of a collective workshop (absent: an individual appointment). */
  kind: z.enum(['appointment', 'workshop']).optional(),
  workshopId: z.string().optional(),
  /** INSEE code and name of the person's commune (home visits need it). */
  commune: z.object({ insee: z.string(), name: z.string() }).optional(),
  /** Street address of a home visit (personal data: masked in logs, erased with the rest). */
  homeAddress: z.object({ line: z.string().min(1).max(120), postcode: z.string().regex(/^\d{5}$/), commune: z.string().min(1).max(80) }).optional(),
  beneficiary: z.object({ name: z.string().min(1).max(80), phone: z.string().regex(/^\+\d{8,15}$/) }),
  /** Who asked: the beneficiary themself, or a relative on their behalf. */
  requestedBy: z.enum(['self', 'relative']),
  channel: ChannelSchema,
  /** Conversation that made the request (proactive messages go back there). */
  conversationId: z.string().optional(),
  smsConsent: z.boolean().default(true),
  declineReason: z.string().max(300).optional(),
  attendance: AttendanceSchema.optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Booking = z.infer<typeof BookingSchema>;
export type Channel = z.infer<typeof ChannelSchema>;
