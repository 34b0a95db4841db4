// The territory's sites and volunteers (weekly hours per site): a card each, a form to change
// it, and a form to add one. The forms are read into the API's own schemas.
import type { Response, Server } from 'restify';
import { TOPIC_IDS, WEEKDAYS, type Site, type Volunteer } from '../../../booking/model';
import { t } from '../../../i18n';
import { pathId } from '../web/body';
import type { Me, Posted } from '../web/guards';
import { flash, html, redirect, sendHtml, type Html } from '../web/render';
import { SiteBody, VolunteerBody } from '../web/schemas';
import type { PageContext } from './context';
import { csrfInput, field, shell, weekdayLabel } from './nav';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Weekly hours of a volunteer at the given sites. */
function weeklyHours(v: Volunteer, siteIds: ReadonlySet<string>): number {
  return Math.round(v.availability.filter((a) => siteIds.has(a.site)).reduce((n, a) => n + minutes(a.to) - minutes(a.from), 0) / 6) / 10;
}

export function registerCataloguePage(server: Server, c: PageContext): void {
  const { guards, service, catalogueService } = c;

  function siteForm(me: Me, s: Site | undefined): Html {
    const p = s ? `s-${s.id}` : 's-new';
    const v = (x: unknown) => (x === undefined ? '' : String(x));
    return html`<form method="post" action="/coordinator/sites${s ? html`/${s.id}` : ''}">${csrfInput(me)}
<div class="rows">
${s ? '' : field(`${p}-id`, t('coordinator.catalogue.id'), html`<input id="${p}-id" name="id" required pattern="[a-z0-9-]+" maxlength="80">`)}
${field(`${p}-name`, t('coordinator.catalogue.name'), html`<input id="${p}-name" name="name" required value="${v(s?.name)}">`)}
${field(`${p}-kind`, t('coordinator.catalogue.kind'), html`<select id="${p}-kind" name="kind">${['mediatheque', 'maison_de_quartier', 'cms', 'mairie', 'ccas', 'france_services', 'tiers_lieu', 'association', 'autre'].map((k) =>
    html`<option value="${k}"${s?.kind === k ? html` selected` : ''}>${t(`coordinator.kind.${k}`)}</option>`)}</select>`)}
${field(`${p}-line`, t('coordinator.catalogue.line'), html`<input id="${p}-line" name="line" value="${v(s?.address.line)}">`)}
${field(`${p}-postcode`, t('coordinator.catalogue.postcode'), html`<input id="${p}-postcode" name="postcode" required inputmode="numeric" pattern="[0-9]{5}" value="${v(s?.address.postcode)}">`)}
${field(`${p}-commune`, t('coordinator.catalogue.commune'), html`<input id="${p}-commune" name="commune" required value="${v(s?.address.commune)}">`)}
${field(`${p}-insee`, t('coordinator.catalogue.insee'), html`<input id="${p}-insee" name="insee" required value="${v(s?.address.insee)}">`)}
${field(`${p}-lat`, t('coordinator.catalogue.lat'), html`<input id="${p}-lat" name="lat" required inputmode="decimal" value="${v(s?.location.lat)}">`)}
${field(`${p}-lon`, t('coordinator.catalogue.lon'), html`<input id="${p}-lon" name="lon" required inputmode="decimal" value="${v(s?.location.lon)}">`)}
${field(`${p}-slot`, t('coordinator.catalogue.slotMinutes'), html`<input id="${p}-slot" name="slotMinutes" required type="number" min="15" max="240" step="5" value="${v(s?.slotMinutes ?? 60)}">`)}
</div>
<label class="check" for="${p}-acc"><input id="${p}-acc" type="checkbox" name="accessible" value="1"${s?.accessible ? html` checked` : ''}>${t('coordinator.catalogue.accessible')}</label>
<p><button type="submit">${t('coordinator.catalogue.save')}</button></p></form>`;
  }

  function volunteerForm(me: Me, v: Volunteer | undefined, sites: readonly Site[]): Html {
    const p = v ? `v-${v.id}` : 'v-new';
    const siteIds = new Set(sites.map((s) => s.id));
    const rows = [...(v?.availability ?? []).filter((a) => siteIds.has(a.site)), ...Array.from({ length: 2 }, () => null)];
    return html`<form method="post" action="/coordinator/volunteers${v ? html`/${v.id}` : ''}">${csrfInput(me)}
<div class="rows">
${v ? '' : field(`${p}-id`, t('coordinator.catalogue.id'), html`<input id="${p}-id" name="id" required pattern="[a-z0-9-]+" maxlength="80">`)}
${field(`${p}-first`, t('coordinator.catalogue.firstName'), html`<input id="${p}-first" name="firstName" required value="${v?.firstName ?? ''}">`)}
${field(`${p}-radius`, t('coordinator.catalogue.radius'), html`<input id="${p}-radius" name="homeVisitRadiusKm" type="number" min="0" max="100" value="${String(v?.homeVisitRadiusKm ?? 0)}">`)}
</div>
<label class="check" for="${p}-home"><input id="${p}-home" type="checkbox" name="homeVisits" value="1"${v?.homeVisits ? html` checked` : ''}>${t('coordinator.catalogue.homeVisits')}</label>
<fieldset><legend>${t('coordinator.catalogue.topics')}</legend><div class="rows">
${TOPIC_IDS.map((topic) => html`<label class="check" for="${p}-t-${topic}"><input id="${p}-t-${topic}" type="checkbox" name="topic_${topic}" value="1"${v?.topics.includes(topic) ? html` checked` : ''}>${service.catalogue.topicLabel(topic)}</label>`)}
</div></fieldset>
<fieldset><legend>${t('coordinator.catalogue.hours')}</legend><p>${t('coordinator.catalogue.hoursHint')}</p>
${rows.map((a, i) => html`<fieldset><legend>${t('coordinator.catalogue.hoursRow', { count: i + 1 })}</legend><div class="rows">
${field(`${p}-a${i}-site`, t('coordinator.catalogue.site'), html`<select id="${p}-a${i}-site" name="a${i}_site"><option value="">-</option>${sites.map((s) => html`<option value="${s.id}"${a?.site === s.id ? html` selected` : ''}>${s.name}</option>`)}</select>`)}
${field(`${p}-a${i}-day`, t('coordinator.catalogue.weekday'), html`<select id="${p}-a${i}-day" name="a${i}_weekday">${WEEKDAYS.map((w) => html`<option value="${w}"${a?.weekday === w ? html` selected` : ''}>${weekdayLabel(w)}</option>`)}</select>`)}
${field(`${p}-a${i}-from`, t('coordinator.catalogue.from'), html`<input id="${p}-a${i}-from" name="a${i}_from" type="time" value="${a?.from ?? ''}">`)}
${field(`${p}-a${i}-to`, t('coordinator.catalogue.to'), html`<input id="${p}-a${i}-to" name="a${i}_to" type="time" value="${a?.to ?? ''}">`)}
</div></fieldset>`)}
</fieldset>
<p><button type="submit">${t('coordinator.catalogue.save')}</button></p></form>`;
  }

  server.get('/coordinator/catalogue', guards.view(async (req, res, me) => {
    const q = req.query as Record<string, unknown>;
    const view = catalogueService.view(me.account);
    const siteIds = new Set(view.sites.map((s) => s.id));
    const msg = q.done === 'saved' ? flash(t('coordinator.catalogue.saved'))
      : typeof q.error === 'string' ? flash(t('coordinator.catalogue.invalid', { reason: q.error.slice(0, 200) }), true) : html``;
    const title = t('coordinator.catalogue.heading');
    sendHtml(res, 200, shell(me, title, 'catalogue', html`<h2>${title}</h2>${msg}
<section aria-labelledby="h-sites"><h2 id="h-sites">${t('coordinator.catalogue.sites')} (${view.sites.length})</h2>
${view.sites.map((s) => html`<article class="card" aria-labelledby="h-${s.id}"><h3 id="h-${s.id}">${s.name}</h3>
<p>${s.address.line}, ${s.address.postcode} ${s.address.commune}</p>
${s.opening?.length ? html`<p>${t('coordinator.catalogue.opening', { hours: s.opening.map((o) => `${weekdayLabel(o.weekday)} ${o.from}-${o.to}`).join(', ') })}</p>` : ''}
<details><summary>${t('coordinator.catalogue.edit')}<span class="skip"> ${s.name}</span></summary>${siteForm(me, s)}</details></article>`)}
<details class="card"><summary>${t('coordinator.catalogue.newSite')}</summary>${siteForm(me, undefined)}</details></section>
<section aria-labelledby="h-vols"><h2 id="h-vols">${t('coordinator.catalogue.volunteers')} (${view.volunteers.length})</h2>
${view.volunteers.map((v) => html`<article class="card" aria-labelledby="h-${v.id}"><h3 id="h-${v.id}">${v.firstName}</h3>
<p>${v.topics.map((x) => service.catalogue.topicLabel(x)).join(', ')} - ${t('coordinator.catalogue.weekly', { count: weeklyHours(v, siteIds) })}</p>
<ul>${v.availability.filter((a) => siteIds.has(a.site)).map((a) => html`<li>${weekdayLabel(a.weekday)} ${a.from}-${a.to}, ${service.catalogue.sites.get(a.site)?.name ?? a.site}</li>`)}</ul>
<details><summary>${t('coordinator.catalogue.edit')}<span class="skip"> ${v.firstName}</span></summary>${volunteerForm(me, v, view.sites)}</details></article>`)}
<details class="card"><summary>${t('coordinator.catalogue.newVolunteer')}</summary>${volunteerForm(me, undefined, view.sites)}</details></section>`));
  }));

  const back = (res: Response, path: string, r: { ok: true } | { ok: false; message: string }) =>
    redirect(res, r.ok ? `${path}?done=saved` : `${path}?error=${encodeURIComponent(r.message)}`);

  server.post('/coordinator/sites/:id', guards.action(async (req, res, g) => {
    back(res, '/coordinator/catalogue', await saveSite(g, pathId(req)));
  }));
  server.post('/coordinator/sites', guards.action(async (req, res, g) => {
    back(res, '/coordinator/catalogue', await saveSite(g, g.f.id ?? ''));
  }));

  async function saveSite(g: Posted, id: string) {
    const f = g.f;
    if (!/^[a-z0-9-]{1,80}$/.test(id)) return { ok: false as const, message: 'id' };
    const existing = service.catalogue.sites.get(id);
    const input = {
      name: (f.name ?? '').trim(), kind: f.kind as Site['kind'],
      address: { line: (f.line ?? '').trim(), postcode: (f.postcode ?? '').trim(), commune: (f.commune ?? '').trim(), insee: (f.insee ?? '').trim().toUpperCase() },
      location: { lat: Number((f.lat ?? '').replace(',', '.')), lon: Number((f.lon ?? '').replace(',', '.')) },
      accessible: f.accessible === '1', slotMinutes: Number(f.slotMinutes),
      ...(existing?.opening ? { opening: existing.opening } : {}), ...(existing?.source ? { source: existing.source } : {}),
    };
    const parsed = SiteBody.safeParse(input);
    if (!parsed.success) return { ok: false as const, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)[0] };
    return catalogueService.putSite(g.account, id, parsed.data);
  }

  async function saveVolunteer(g: Posted, id: string) {
    const f = g.f;
    if (!/^[a-z0-9-]{1,80}$/.test(id)) return { ok: false as const, message: 'id' };
    const availability: Array<{ site: string; weekday: string; from: string; to: string }> = [];
    for (let i = 0; i < 60 && f[`a${i}_weekday`] !== undefined; i++) {
      if (f[`a${i}_site`]) availability.push({ site: f[`a${i}_site`], weekday: f[`a${i}_weekday`], from: f[`a${i}_from`] ?? '', to: f[`a${i}_to`] ?? '' });
    }
    const input = {
      firstName: (f.firstName ?? '').trim(), topics: TOPIC_IDS.filter((x) => f[`topic_${x}`] === '1'),
      homeVisits: f.homeVisits === '1', homeVisitRadiusKm: Number(f.homeVisitRadiusKm || 0), availability,
    };
    const parsed = VolunteerBody.safeParse(input);
    if (!parsed.success) return { ok: false as const, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)[0] };
    return catalogueService.putVolunteer(g.account, id, parsed.data);
  }

  server.post('/coordinator/volunteers/:id', guards.action(async (req, res, g) => {
    back(res, '/coordinator/catalogue', await saveVolunteer(g, pathId(req)));
  }));
  server.post('/coordinator/volunteers', guards.action(async (req, res, g) => {
    back(res, '/coordinator/catalogue', await saveVolunteer(g, g.f.id ?? ''));
  }));
}
