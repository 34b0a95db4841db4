// How a proposed slot is said and recognised: shared by the new request and the change of one.
import type { Catalogue } from '../src/booking/catalogue';
import { formatDateFr, formatShortFr } from '../src/booking/format';
import type { Slot } from '../src/booking/model';
import { siteNameIn } from '../src/notices/compose';
import { t } from '../src/i18n';

/** Words naming where a proposal is: the site's name and commune, or the home commune. */
export function placeWords(catalogue: Catalogue, slot: Slot, homeCommune?: string): string {
  if (slot.mode === 'home') return `${t('proposal.homeWords')} ${homeCommune ?? ''}`;
  const site = catalogue.sites.get(slot.siteId);
  return site ? `${site.name} ${site.address.commune}` : slot.siteId;
}

/** One proposal's line; a site's name without the person's own commune ("Médiathèque centre-ville" for someone in Nantes). */
export function describeSlot(catalogue: Catalogue, slot: Slot, short: boolean, commune?: string): string {
  const date = short ? formatShortFr(slot.start) : formatDateFr(slot.start);
  if (slot.mode === 'home') {
    return t('proposal.home', { date, firstName: catalogue.volunteers.get(slot.volunteerId)?.firstName ?? '' });
  }
  const site = catalogue.sites.get(slot.siteId);
  return t('proposal.site', { date, site: site ? siteNameIn(site, commune) : slot.siteId });
}
