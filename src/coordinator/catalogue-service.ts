// What a coordinator changes in the catalogue of their own territory: sites, volunteers and
// their weekly hours, absences. Every change goes through CatalogueSource.update (validated
// as a whole, compare-and-set in the store, live at once here and within seconds elsewhere).
import crypto from 'node:crypto';
import { DateTime } from 'luxon';
import { absenceMeets, CatalogueError, type Catalogue } from '../booking/catalogue';
import { isActive } from '../booking/lifecycle';
import type { Absence, Booking, Site, Volunteer } from '../booking/model';
import { ZONE } from '../booking/slots';
import { absencesOf } from '../catalogue/doc';
import type { CatalogueSource, LiveCatalogue } from '../catalogue/source';
import type { Store } from '../store/store';
import { allPages } from '../store/paging';
import type { Account } from './accounts';

export type CatalogueFailure =
  | { ok: false; code: 'forbidden' | 'not-found'; message: string }
  | { ok: false; code: 'invalid'; message: string; field: string };
export type CatalogueResult<T> = ({ ok: true } & T) | CatalogueFailure;

export type SiteInput = Omit<Site, 'id' | 'territory'> & { territory?: string };
export type VolunteerInput = Omit<Volunteer, 'id'>;
export interface AbsenceInput { volunteerId?: string; siteId?: string; from: string; to: string; reason: string }

const forbidden = (message: string): CatalogueFailure => ({ ok: false, code: 'forbidden', message });
const invalid = (field: string, message: string): CatalogueFailure => ({ ok: false, code: 'invalid', field, message: `${field}: ${message}` });

/** A CatalogueError of the whole catalogue, said about the record being written. */
function invalidFrom(err: CatalogueError, list: 'sites' | 'volunteers', index: number): CatalogueFailure {
  const own = err.issues.find((i) => i.path.startsWith(`${list}[${index}]`)) ?? err.issues[0];
  const field = own.path.replace(/^(sites|volunteers)\[\d+\]\.?/, '').replace(/\[(\d+)\]/g, '.$1') || 'body';
  return invalid(field, own.message);
}

/** `2026-12-24` (whole day: `to` is inclusive) or `2026-12-24T14:00` → Paris wall-clock bound. */
export function absenceBound(s: string, end: boolean): string | null {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(s);
  const dt = DateTime.fromISO(day ? `${s}T00:00` : s, { zone: ZONE });
  if (!dt.isValid) return null;
  return (day && end ? dt.plus({ days: 1 }) : dt).toFormat("yyyy-MM-dd'T'HH:mm");
}

export class CatalogueService {
  constructor(private readonly d: { source: CatalogueSource; store: Pick<Store, 'bookings'>; now: () => Date }) {}

  get catalogue(): LiveCatalogue { return this.d.source.catalogue; }

  /** A volunteer belongs to every territory where they have hours (none yet: anyone may take them on). */
  private territoriesOf(v: Volunteer, c: Catalogue): Set<string> {
    return new Set(v.availability.map((a) => c.sites.get(a.site)?.territory).filter((t): t is string => Boolean(t)));
  }

  view(account: Account) {
    const c = this.catalogue.snapshot();
    const sites = c.sitesOfTerritory(account.territory);
    const siteIds = new Set(sites.map((s) => s.id));
    const volunteers = [...c.volunteers.values()].filter((v) => v.availability.some((a) => siteIds.has(a.site)));
    return { territory: c.territories.get(account.territory) ?? null, version: c.version, topics: c.file.topics, sites, volunteers, absences: absencesOf(c, account.territory) };
  }

  async putSite(account: Account, id: string, input: SiteInput): Promise<CatalogueResult<{ site: Site; created: boolean; version: number }>> {
    if (input.territory && input.territory !== account.territory) return forbidden('territory: not your territory');
    const existing = this.catalogue.sites.get(id);
    if (existing && existing.territory !== account.territory) return forbidden('site outside your territory');
    const site: Site = { ...input, id, territory: account.territory };
    try {
      const after = await this.d.source.update((doc) => {
        const sites = doc.file.sites.filter((s) => s.id !== id);
        return { ...doc, file: { ...doc.file, sites: [...sites, site] } };
      }, `PUT sites/${id}`);
      return { ok: true, site: after.sites.get(id)!, created: !existing, version: after.version };
    } catch (err) {
      if (err instanceof CatalogueError) return invalidFrom(err, 'sites', this.catalogue.file.sites.length - (existing ? 1 : 0));
      throw err;
    }
  }

  async putVolunteer(account: Account, id: string, input: VolunteerInput): Promise<CatalogueResult<{ volunteer: Volunteer; created: boolean; version: number }>> {
    const c = this.catalogue;
    // Hours may only be set at the coordinator's own sites.
    for (const [i, a] of input.availability.entries()) {
      const site = c.sites.get(a.site);
      if (!site) return invalid(`availability.${i}.site`, `unknown site "${a.site}"`);
      if (site.territory !== account.territory) return forbidden(`availability.${i}.site: site outside your territory`);
    }
    const existing = c.volunteers.get(id);
    const theirs = existing ? this.territoriesOf(existing, c) : new Set<string>();
    if (existing && theirs.size > 0 && !theirs.has(account.territory)) return forbidden('volunteer outside your territory');
    // Hours in other territories stay as their coordinators set them.
    const elsewhere = (existing?.availability ?? []).filter((a) => c.sites.get(a.site)?.territory !== account.territory);
    const volunteer: Volunteer = { ...input, id, availability: [...elsewhere, ...input.availability] };
    try {
      const after = await this.d.source.update((doc) => {
        const volunteers = doc.file.volunteers.filter((v) => v.id !== id);
        return { ...doc, file: { ...doc.file, volunteers: [...volunteers, volunteer] } };
      }, `PUT volunteers/${id}`);
      return { ok: true, volunteer: after.volunteers.get(id)!, created: !existing, version: after.version };
    } catch (err) {
      if (err instanceof CatalogueError) {
        const f = invalidFrom(err, 'volunteers', c.file.volunteers.length - (existing ? 1 : 0));
        if (f.code !== 'invalid') return f;
        // Say it in the request's terms: `availability.2.to`, counted in the hours sent.
        const field = f.field.replace(/availability\.(\d+)/g, (_m, n: string) => `availability.${Number(n) - elsewhere.length}`);
        return invalid(field, f.message.slice(f.message.indexOf(': ') + 2));
      }
      throw err;
    }
  }

  async addAbsence(account: Account, input: AbsenceInput, by: string): Promise<CatalogueResult<{ absence: Absence; bookings: Booking[]; version: number }>> {
    const c = this.catalogue;
    if (input.volunteerId) {
      const v = c.volunteers.get(input.volunteerId);
      if (!v) return invalid('volunteerId', `unknown volunteer "${input.volunteerId}"`);
      const theirs = this.territoriesOf(v, c);
      if (!theirs.has(account.territory)) return forbidden('volunteer outside your territory');
    } else if (input.siteId) {
      const s = c.sites.get(input.siteId);
      if (!s) return invalid('siteId', `unknown site "${input.siteId}"`);
      if (s.territory !== account.territory) return forbidden('site outside your territory');
    }
    const from = absenceBound(input.from, false);
    const to = absenceBound(input.to, true);
    if (!from) return invalid('from', 'expected YYYY-MM-DD or YYYY-MM-DDTHH:MM');
    if (!to) return invalid('to', 'expected YYYY-MM-DD or YYYY-MM-DDTHH:MM');
    if (to <= from) return invalid('to', 'must come after "from"');
    const absence: Absence = {
      id: `ab-${crypto.randomBytes(6).toString('hex')}`, territory: account.territory,
      ...(input.volunteerId ? { volunteerId: input.volunteerId } : { siteId: input.siteId }),
      from, to, reason: input.reason, createdAt: this.d.now().getTime(), createdBy: by,
    };
    const after = await this.d.source.update((doc) => ({ ...doc, absences: [...doc.absences, absence] }), 'POST absences');
    return { ok: true, absence, bookings: await this.bookingsInside(account, absence), version: after.version };
  }

  async deleteAbsence(account: Account, id: string): Promise<CatalogueResult<{ version: number }>> {
    const a = this.catalogue.absences.find((x) => x.id === id);
    if (!a) return { ok: false, code: 'not-found', message: 'no such absence' };
    if (a.territory !== account.territory) return forbidden('absence outside your territory');
    const after = await this.d.source.update((doc) => ({ ...doc, absences: doc.absences.filter((x) => x.id !== id) }), 'DELETE absences');
    return { ok: true, version: after.version };
  }

  /** Active bookings made before the absence and inside it: the coordinator moves or declines them. */
  async bookingsInside(account: Account, a: Absence): Promise<Booking[]> {
    const fromMs = DateTime.fromISO(a.from, { zone: ZONE }).toMillis() - 24 * 3600_000; // a booking that started before may run into it
    const toMs = DateTime.fromISO(a.to, { zone: ZONE }).toMillis();
    const all = await allPages((offset, limit) => this.d.store.bookings.list({ territory: account.territory, from: fromMs, to: toMs, offset, limit }));
    return all.filter((b) => isActive(b.status) && absenceMeets(a, b));
  }
}
