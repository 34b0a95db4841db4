// The audit trail of one booking: who did what, when, before → after. An append-only Redis
// list per booking that lives as long as the booking's personal data (RETENTION_DAYS after
// the appointment), since a decline reason may name someone. Never a phone number.
import type { Booking, BookingStatus } from './booking/model';
import type { LogsPort } from './store/logs';

const DAY_MS = 24 * 3600_000;

export type AuditAction = 'confirm' | 'decline' | 'reschedule' | 'cancel' | 'reminder';
export type AuditActor = { kind: 'coordinator'; id: string; name: string } | { kind: 'beneficiary' } | { kind: 'system' };

/** The parts of a booking an action can change. */
export interface AuditState { status: BookingStatus; start: string; siteId: string; volunteerId: string; mode: 'site' | 'home' }

export interface AuditEntry {
  at: number;
  actor: AuditActor;
  action: AuditAction;
  before: AuditState;
  after: AuditState;
  reason?: string;
}

export function auditState(b: Booking): AuditState {
  return { status: b.status, start: b.start, siteId: b.siteId, volunteerId: b.volunteerId, mode: b.mode };
}

export const auditKey = (ref: string) => `audit:booking:${ref}`;
export const workshopAuditKey = (id: string) => `audit:workshop:${id}`;

/** A coordinator's change of a workshop: each changed field, before → after. */
export interface WorkshopAuditEntry { at: number; actor: AuditActor; action: 'change'; changes: Record<string, { before: unknown; after: unknown }> }

export class AuditTrail {
  constructor(private readonly logs: LogsPort, private readonly retentionDays: number, private readonly now: () => number) {}

  async append(before: Booking, after: Booking, action: AuditAction, actor: AuditActor, reason?: string): Promise<void> {
    const now = this.now();
    const entry: AuditEntry = { at: now, actor, action, before: auditState(before), after: auditState(after), ...(reason ? { reason } : {}) };
    const ttl = Math.max(after.startsAt, now) + this.retentionDays * DAY_MS - now;
    await this.logs.append(auditKey(after.ref), [JSON.stringify(entry)], Math.max(DAY_MS, ttl));
  }

  async read(ref: string): Promise<AuditEntry[]> {
    return this.lines<AuditEntry>(auditKey(ref));
  }

  /** The workshop's own trail (its seats' moves are on each seat's trail). No personal data. */
  async appendWorkshop(w: { id: string; startsAt: number }, actor: AuditActor, changes: WorkshopAuditEntry['changes']): Promise<void> {
    const now = this.now();
    const entry: WorkshopAuditEntry = { at: now, actor, action: 'change', changes };
    const ttl = Math.max(w.startsAt, now) + this.retentionDays * DAY_MS - now;
    await this.logs.append(workshopAuditKey(w.id), [JSON.stringify(entry)], Math.max(DAY_MS, ttl));
  }

  async readWorkshop(id: string): Promise<WorkshopAuditEntry[]> {
    return this.lines<WorkshopAuditEntry>(workshopAuditKey(id));
  }

  private async lines<T>(key: string): Promise<T[]> {
    const out: T[] = [];
    for (const line of await this.logs.read(key, 0, 1000)) {
      try { out.push(JSON.parse(line) as T); } catch { /* a damaged line is skipped, not fatal */ }
    }
    return out;
  }
}
