// The texts a beneficiary receives when a coordinator acts on a booking, or the day before
// it. Pure: the booking and the catalogue in, an SMS body and a web chat text out (the
// sentences themselves live in locales/fr.json under "notice").
import type { Catalogue } from '../booking/catalogue';
import { formatDateFr, formatDayFr, formatDayShortFr, formatShortFr, formatTimeFr } from '../booking/format';
import { formatPhoneFr } from '../booking/helplines';
import type { Booking, Site } from '../booking/model';
import { fitOneSegment } from '../sms-text/fit';
import { hasMessage, t } from '../i18n';
import { fold } from '../language/normalize';

// changed: the person moved it themself (the conversation said the rest; the SMS carries the reference).
export const NOTICE_EVENTS = ['requested', 'confirmed', 'declined', 'moved', 'changed', 'reminder', 'reminderEarly'] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

/** Short list of decline reasons offered to coordinators (anything else is free text). */
export const DECLINE_REASONS = ['unavailable', 'outOfArea', 'topic', 'duplicate', 'closed'] as const;
export type DeclineReasonCode = (typeof DECLINE_REASONS)[number];

export function isReasonCode(s: string | undefined): s is DeclineReasonCode {
  return (DECLINE_REASONS as readonly string[]).includes(s ?? '');
}

/** The reason as said to the beneficiary: the sentence of a code, or the coordinator's own words. */
export function reasonText(reason: string | undefined): string {
  if (!reason) return t('notice.reason.none');
  if (isReasonCode(reason)) return t(`notice.reason.${reason}`);
  // Free text goes into an SMS: one line, no trailing full stop (the sentence adds its own).
  return reason.replace(/\s+/g, ' ').trim().replace(/[.!]+$/, '');
}

export interface NoticeTexts {
  sms: string;
  /** The same news in the web conversation; empty when the conversation said it already. */
  web: string;
}

/** Grammatical gender of the kinds of site whose name starts with that word ("CCAS de …"). */
const KIND_GENDER: Partial<Record<Site['kind'], 'feminine' | 'masculine'>> = {
  mediatheque: 'feminine', maison_de_quartier: 'feminine', mairie: 'feminine', cms: 'masculine', ccas: 'masculine',
  tiers_lieu: 'masculine',
};

/**
 * "au CCAS de Pornic", "à la Médiathèque de Clisson", "à l'Espace …", "au Lieu …" for "Le
 * Lieu …": the name's own article when it has one, elided before a vowel, else the article
 * of the kind of site, else a plain "à".
 */
export function placeAt(site: Pick<Site, 'name' | 'kind'>): string {
  const name = site.name.trim();
  const own = /^(les|le|la)\s+(.+)$/i.exec(name) ?? /^(l')(.+)$/i.exec(name);
  if (own) {
    const key = { le: 'masculine', la: 'feminine', les: 'plural', "l'": 'elided' }[own[1].toLowerCase()] ?? 'plain';
    return t(`notice.placeAt.${key}`, { name: own[2] });
  }
  const first = name.split(/[\s,]/)[0] ?? '';
  // A word in capitals (CCAS) is an acronym said letter by letter: "au CCAS", not elided.
  if (/^[AEIOUYÉÈÊÂÎÔ][a-zà-ÿ]/.test(first)) return t('notice.placeAt.elided', { name });
  return t(`notice.placeAt.${KIND_GENDER[site.kind] ?? 'plain'}`, { name });
}

/** The site's name without a last ", <commune>" when that commune is the person's own (they know it). */
export function siteNameIn(site: Pick<Site, 'name' | 'address'>, commune: string | undefined): string {
  const suffix = `, ${site.address.commune}`;
  const own = commune !== undefined && fold(commune) === fold(site.address.commune);
  return own && fold(site.name).endsWith(fold(suffix)) && site.name.length > suffix.length ? site.name.slice(0, -suffix.length) : site.name;
}

export function siteAddress(site: Pick<Site, 'address'>): string {
  return `${site.address.line}, ${site.address.postcode} ${site.address.commune}`;
}

/**
 * The address shortened to what the place's name does not say already: the street line when
 * the name names the commune ("CCAS de Saint-Herblain"), else the postcode and commune.
 */
export function siteAddressShort(site: Pick<Site, 'name' | 'address'>): string {
  return fold(site.name).includes(fold(site.address.commune)) ? site.address.line : `${site.address.postcode} ${site.address.commune}`;
}

/** Who signs the SMS: the territory's configured sender name, else "Les Connectés". */
export function senderName(catalogue: Catalogue, territory: string): string {
  return catalogue.territories.get(territory)?.senderName?.trim() || t('notice.sender');
}

/** "12 rue des Lilas, 44400 Rezé": the street address the home-visit step stored. */
export function homeAddressText(booking: { homeAddress?: Booking['homeAddress'] | null }): string {
  const a = booking.homeAddress;
  return a ? `${a.line}, ${a.postcode} ${a.commune}` : '';
}

/**
 * A notice's SMS forms, fullest first: its sentence, then the shorter forms fr.json may give it
 * (`<key>Short`, `<key>Shortest`: without the street line, the helpline...). The first that fits
 * one segment is sent, else the shortest.
 */
export const SHORTER_FORMS = ['', 'Short', 'Shortest'] as const;

export function fitNotice(key: string, vars: Record<string, string>): string {
  const keys = SHORTER_FORMS.map((suffix) => `${key}${suffix}`).filter((k, i) => i === 0 || hasMessage(k));
  return fitOneSegment(keys.map((k) => t(k, vars)));
}

export function composeNotice(booking: Booking, event: NoticeEvent, catalogue: Catalogue): NoticeTexts {
  const site = catalogue.sites.get(booking.siteId);
  const volunteer = catalogue.volunteers.get(booking.volunteerId);
  const home = booking.mode === 'home';
  const commune = booking.commune?.name ?? site?.address.commune ?? '';
  const vars = {
    sender: senderName(catalogue, booking.territory),
    date: formatShortFr(booking.start),
    day: formatDayShortFr(booking.start),
    time: formatTimeFr(booking.start),
    longDate: formatDateFr(booking.start),
    longDay: formatDayFr(booking.start),
    place: site?.name ?? '',
    placeAt: site ? placeAt(site) : '',
    // A home visit: the person's own street address (or at least their commune).
    address: home ? homeAddressText(booking) || commune : site ? siteAddress(site) : '',
    // The same without what the person knows already (their own commune) or the name says.
    addressShort: home ? booking.homeAddress?.line || commune : site ? siteAddressShort(site) : '',
    commune,
    firstName: volunteer?.firstName ?? '',
    reason: reasonText(booking.declineReason),
    ref: booking.ref,
    helpline: formatPhoneFr(catalogue.territories.get(booking.territory)?.helpline ?? ''),
  };
  const base = event === 'requested' && booking.requestedBy === 'relative' ? 'requestedOther' : event;
  const variant = home && event !== 'declined' ? `${base}Home` : base;
  // The request was answered in its own conversation: only the SMS tells it again.
  const web = event === 'requested' || event === 'changed' ? '' : t(`notice.web.${variant}`, vars);
  return { sms: fitNotice(`notice.${variant}`, vars), web };
}
