// Which sites (or which travelling volunteers) can serve a person, nearest first. Straight
// line from the commune centre: good enough to rank places a few kilometres apart.
import type { Catalogue } from './catalogue';
import { distanceKm, type LatLon } from './geo';
import type { Site, TopicId, Volunteer } from './model';

const covers = (v: Volunteer, topic: TopicId | null): boolean => topic === null || v.topics.includes(topic);

/** Volunteers who cover the topic (any topic when null) and have availability at the site. */
export function volunteersFor(catalogue: Catalogue, siteId: string, topic: TopicId | null): Volunteer[] {
  return catalogue.volunteersAtSite(siteId).filter((v) => covers(v, topic));
}

const byKmThenId = <T extends { km: number }>(id: (x: T) => string) => (a: T, b: T): number =>
  a.km - b.km || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);

/**
 * Sites ordered by distance, keeping those where a volunteer covering the topic has
 * availability; only in `territory` when given.
 */
export function sitesForTopic(
  catalogue: Catalogue, from: LatLon, topic: TopicId | null, territory?: string,
): Array<{ site: Site; km: number }> {
  const out: Array<{ site: Site; km: number }> = [];
  for (const site of catalogue.sites.values()) {
    if (territory !== undefined && site.territory !== territory) continue;
    if (volunteersFor(catalogue, site.id, topic).length === 0) continue;
    out.push({ site, km: distanceKm(from, site.location) });
  }
  return out.sort(byKmThenId((x) => x.site.id));
}

/**
 * Home visits: one entry per (volunteer, site) where a volunteer who visits people at home
 * and covers the topic has availability at a site within their homeVisitRadiusKm of the
 * person's commune centre. Ordered by distance.
 */
export function homeVisitVolunteers(
  catalogue: Catalogue, from: LatLon, topic: TopicId | null, territory?: string,
): Array<{ volunteer: Volunteer; site: Site; km: number }> {
  const out: Array<{ volunteer: Volunteer; site: Site; km: number }> = [];
  for (const volunteer of catalogue.volunteers.values()) {
    if (!volunteer.homeVisits || !covers(volunteer, topic)) continue;
    for (const siteId of new Set(volunteer.availability.map((a) => a.site))) {
      const site = catalogue.sites.get(siteId);
      if (!site || (territory !== undefined && site.territory !== territory)) continue;
      const km = distanceKm(from, site.location);
      if (km <= volunteer.homeVisitRadiusKm) out.push({ volunteer, site, km });
    }
  }
  return out.sort(byKmThenId((x) => `${x.volunteer.id}/${x.site.id}`));
}
