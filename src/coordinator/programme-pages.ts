// Pages that let a territory run its programme alone: sites and volunteers (weekly hours per
// site), absences and closures, the week's agenda per site or volunteer, attendance, and the
// statistics with server-drawn charts. Same rules as pages.ts: session + CSRF on every POST,
// 303 back to the page, every sentence from fr.json, usable at phone width.
import type { Request, Response, Server } from 'restify';
import { DateTime } from 'luxon';
import { formatDateFr } from '../booking/format';
import { isActive } from '../booking/lifecycle';
import { ATTENDANCE, TOPIC_IDS, WEEKDAYS, type Attendance, type Booking, type Site, type Slot, type Volunteer } from '../booking/model';
import { generateSlots, ZONE } from '../booking/slots';
import { t } from '../i18n';
import type { Stats } from '../stats';
import { StatsQuery, type StatsService } from '../stats/service';
import type { Store } from '../store/store';
import type { Account } from './accounts';
import { SiteBody, VolunteerBody } from './catalogue-api';
import type { CatalogueService } from './catalogue-service';
import { barChart, figuresTable } from './charts';
import { flash, html, page, type Html } from './html';
import type { CoordinatorService } from './service';
import type { Session } from './session';

type Me = { account: Account; session: Session };
export interface ProgrammePagesDeps {
  service: CoordinatorService;
  catalogue: CatalogueService;
  stats: StatsService;
  store: Store;
  now: () => Date;
  current(req: Request): Promise<Me | null>;
  guarded(req: Request, res: Response): Promise<(Me & { f: Record<string, string> }) | null>;
  sendHtml(res: Response, status: number, body: string): void;
  redirect(res: Response, location: string): void;
}

const EXTRA_STYLE = html`<style>
nav.programme ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;margin:.5rem 0}
nav.programme a{display:inline-block;padding:.5rem 0;min-height:44px}
.rows{display:grid;grid-template-columns:repeat(auto-fit,minmax(8rem,1fr));gap:0 .75rem;max-width:40rem}
.check{display:flex;gap:.5rem;align-items:center;font-weight:400}.check input{width:auto;min-width:24px;min-height:24px}
.chart{max-width:36rem;display:block;background:#fff;border:1px solid #ccc;border-radius:6px;margin:.5rem 0}
.day{margin:1rem 0}.free{color:#1e6b24}.taken{color:#8a4b00}.closed{color:#a3161a}
</style>`;

export function nav(active: string): Html {
  const items: Array<[string, string]> = [
    ['/coordinator', 'bookings'], ['/coordinator/catalogue', 'catalogue'], ['/coordinator/absences', 'absences'],
    ['/coordinator/agenda', 'agenda'], ['/coordinator/stats', 'stats'],
  ];
  return html`${EXTRA_STYLE}<nav class="programme" aria-label="${t('coordinator.nav.label')}"><ul>${items.map(([href, key]) =>
    html`<li><a href="${href}"${key === active ? html` aria-current="page"` : ''}>${t(`coordinator.nav.${key}`)}</a></li>`)}</ul></nav>`;
}

const weekdayLabel = (w: string) => t(`coordinator.weekday.${w}`);
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const dayFr = (date: string) => DateTime.fromISO(date, { zone: ZONE }).setLocale('fr').toFormat('cccc d LLLL');

/** Weekly hours of a volunteer at the given sites. */
function weeklyHours(v: Volunteer, siteIds: ReadonlySet<string>): number {
  return Math.round(v.availability.filter((a) => siteIds.has(a.site)).reduce((n, a) => n + minutes(a.to) - minutes(a.from), 0) / 6) / 10;
}

function field(id: string, label: string, input: Html): Html {
  return html`<div><label for="${id}">${label}</label>${input}</div>`;
}

export function registerProgrammePages(server: Server, d: ProgrammePagesDeps): void {
  const { service, catalogue, current, guarded, sendHtml, redirect } = d;
  const shell = (me: Me, title: string, active: string, body: Html) =>
    page(title, html`${nav(active)}${body}`, { account: me.account, csrf: me.session.csrf });
  const csrfInput = (me: Me) => html`<input type="hidden" name="_csrf" value="${me.session.csrf}">`;

  // ---- sites and volunteers ------------------------------------------------------------
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
${TOPIC_IDS.map((topic) => html`<label class="check" for="${p}-t-${topic}"><input id="${p}-t-${topic}" type="checkbox" name="topic_${topic}" value="1"${v?.topics.includes(topic) ? html` checked` : ''}>${service.catalog.topicLabel(topic)}</label>`)}
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

  server.get('/coordinator/catalogue', async (req: Request, res: Response) => {
    const me = await current(req);
    if (!me) return redirect(res, '/coordinator');
    const q = req.query as Record<string, unknown>;
    const view = catalogue.view(me.account);
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
<p>${v.topics.map((x) => service.catalog.topicLabel(x)).join(', ')} - ${t('coordinator.catalogue.weekly', { count: weeklyHours(v, siteIds) })}</p>
<ul>${v.availability.filter((a) => siteIds.has(a.site)).map((a) => html`<li>${weekdayLabel(a.weekday)} ${a.from}-${a.to}, ${service.catalog.sites.get(a.site)?.name ?? a.site}</li>`)}</ul>
<details><summary>${t('coordinator.catalogue.edit')}<span class="skip"> ${v.firstName}</span></summary>${volunteerForm(me, v, view.sites)}</details></article>`)}
<details class="card"><summary>${t('coordinator.catalogue.newVolunteer')}</summary>${volunteerForm(me, undefined, view.sites)}</details></section>`));
  });

  const back = (res: Response, path: string, r: { ok: true } | { ok: false; message: string }) =>
    redirect(res, r.ok ? `${path}?done=saved` : `${path}?error=${encodeURIComponent(r.message)}`);

  server.post('/coordinator/sites/:id', async (req: Request, res: Response) => {
    const g = await guarded(req, res);
    if (!g) return;
    back(res, '/coordinator/catalogue', await saveSite(g, String(req.params?.id ?? '')));
  });
  server.post('/coordinator/sites', async (req: Request, res: Response) => {
    const g = await guarded(req, res);
    if (!g) return;
    back(res, '/coordinator/catalogue', await saveSite(g, g.f.id ?? ''));
  });

  async function saveSite(g: Me & { f: Record<string, string> }, id: string) {
    const f = g.f;
    if (!/^[a-z0-9-]{1,80}$/.test(id)) return { ok: false as const, message: 'id' };
    const existing = service.catalog.sites.get(id);
    const input = {
      name: (f.name ?? '').trim(), kind: f.kind as Site['kind'],
      address: { line: (f.line ?? '').trim(), postcode: (f.postcode ?? '').trim(), commune: (f.commune ?? '').trim(), insee: (f.insee ?? '').trim().toUpperCase() },
      location: { lat: Number((f.lat ?? '').replace(',', '.')), lon: Number((f.lon ?? '').replace(',', '.')) },
      accessible: f.accessible === '1', slotMinutes: Number(f.slotMinutes),
      ...(existing?.opening ? { opening: existing.opening } : {}), ...(existing?.source ? { source: existing.source } : {}),
    };
    const parsed = SiteBody.safeParse(input);
    if (!parsed.success) return { ok: false as const, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)[0] };
    return catalogue.putSite(g.account, id, parsed.data);
  }

  async function saveVolunteer(g: Me & { f: Record<string, string> }, id: string) {
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
    return catalogue.putVolunteer(g.account, id, parsed.data);
  }

  server.post('/coordinator/volunteers/:id', async (req: Request, res: Response) => {
    const g = await guarded(req, res);
    if (!g) return;
    back(res, '/coordinator/catalogue', await saveVolunteer(g, String(req.params?.id ?? '')));
  });
  server.post('/coordinator/volunteers', async (req: Request, res: Response) => {
    const g = await guarded(req, res);
    if (!g) return;
    back(res, '/coordinator/catalogue', await saveVolunteer(g, g.f.id ?? ''));
  });

  // ---- absences ------------------------------------------------------------------------
  server.get('/coordinator/absences', async (req: Request, res: Response) => {
    const me = await current(req);
    if (!me) return redirect(res, '/coordinator');
    const q = req.query as Record<string, unknown>;
    const view = catalogue.view(me.account);
    const created = typeof q.created === 'string' ? view.absences.find((a) => a.id === q.created) : undefined;
    const inside = created ? await catalogue.bookingsInside(me.account, created) : [];
    const name = (a: { volunteerId?: string; siteId?: string }) => (a.volunteerId
      ? t('coordinator.absences.volunteer', { name: service.catalog.volunteers.get(a.volunteerId)?.firstName ?? a.volunteerId })
      : t('coordinator.absences.site', { name: service.catalog.sites.get(a.siteId ?? '')?.name ?? a.siteId ?? '' }));
    const period = (a: { from: string; to: string }) => t('coordinator.absences.period', {
      from: formatDateFr(a.from), to: formatDateFr(DateTime.fromISO(a.to, { zone: ZONE }).minus({ minutes: 1 }).toFormat("yyyy-MM-dd'T'HH:mm")),
    });
    const msg = created ? html`${flash(t('coordinator.absences.created'))}
<section aria-labelledby="h-inside" class="card"><h2 id="h-inside">${inside.length ? t('coordinator.absences.inside', { count: inside.length }) : t('coordinator.absences.insideNone')}</h2>
<ul>${inside.map((b) => html`<li><a href="/coordinator/bookings/${encodeURIComponent(b.ref)}">${b.ref} - ${formatDateFr(b.start)} - ${b.beneficiary.name}</a></li>`)}</ul></section>`
      : q.done === 'deleted' ? flash(t('coordinator.absences.deleted'))
        : typeof q.error === 'string' ? flash(t('coordinator.catalogue.invalid', { reason: q.error.slice(0, 200) }), true) : html``;
    const title = t('coordinator.absences.heading');
    sendHtml(res, 200, shell(me, title, 'absences', html`<h2>${title}</h2>${msg}
<section aria-labelledby="h-new" class="card"><h2 id="h-new">${t('coordinator.absences.new')}</h2>
<form method="post" action="/coordinator/absences">${csrfInput(me)}
${field('ab-who', t('coordinator.absences.who'), html`<select id="ab-who" name="who" required>
${view.volunteers.map((v) => html`<option value="volunteer:${v.id}">${name({ volunteerId: v.id })}</option>`)}
${view.sites.map((s) => html`<option value="site:${s.id}">${name({ siteId: s.id })}</option>`)}</select>`)}
<div class="rows">${field('ab-from', t('coordinator.absences.from'), html`<input id="ab-from" name="from" type="date" required>`)}
${field('ab-to', t('coordinator.absences.to'), html`<input id="ab-to" name="to" type="date" required>`)}</div>
${field('ab-reason', t('coordinator.absences.reason'), html`<input id="ab-reason" name="reason" required maxlength="300">`)}
<p><button type="submit">${t('coordinator.absences.add')}</button></p></form></section>
<section aria-labelledby="h-abs"><h2 id="h-abs">${t('coordinator.absences.list')}</h2>
${view.absences.length ? html`<ul>${view.absences.map((a) => html`<li class="card">${name(a)}, ${period(a)} : ${a.reason}
<form method="post" action="/coordinator/absences/${a.id}/delete">${csrfInput(me)}<button class="danger" type="submit">${t('coordinator.absences.delete')}<span class="skip"> ${name(a)} ${period(a)}</span></button></form></li>`)}</ul>`
      : html`<p>${t('coordinator.absences.none')}</p>`}</section>`));
  });

  server.post('/coordinator/absences', async (req: Request, res: Response) => {
    const g = await guarded(req, res);
    if (!g) return;
    const [kind, id] = (g.f.who ?? '').split(':');
    const r = await catalogue.addAbsence(g.account, {
      ...(kind === 'site' ? { siteId: id } : { volunteerId: id }), from: g.f.from ?? '', to: g.f.to ?? '', reason: (g.f.reason ?? '').trim().slice(0, 300),
    }, g.account.id);
    if (!r.ok) return redirect(res, `/coordinator/absences?error=${encodeURIComponent(r.message)}`);
    redirect(res, `/coordinator/absences?created=${r.absence.id}`);
  });

  server.post('/coordinator/absences/:id/delete', async (req: Request, res: Response) => {
    const g = await guarded(req, res);
    if (!g) return;
    const r = await catalogue.deleteAbsence(g.account, String(req.params?.id ?? ''));
    redirect(res, r.ok ? '/coordinator/absences?done=deleted' : `/coordinator/absences?error=${encodeURIComponent(r.message)}`);
  });

  // ---- attendance (the form is on the booking page, see attendanceBlock) ----------------------------------------------------------------------
  server.post('/coordinator/bookings/:id/attendance', async (req: Request, res: Response) => {
    const g = await guarded(req, res);
    if (!g) return;
    const ref = String(req.params?.id ?? '').toUpperCase();
    const status = g.f.status as Attendance;
    const to = `/coordinator/bookings/${encodeURIComponent(ref)}`;
    if (!ATTENDANCE.includes(status)) return redirect(res, to);
    const r = await service.attendance(g.account, ref, status);
    redirect(res, `${to}?${r.ok ? 'attendance=done' : r.code === 'not-started' ? 'attendance=notStarted' : `error=${r.code === 'conflict' ? 'conflict' : 'notFound'}`}`);
  });

  // ---- agenda --------------------------------------------------------------------------
  server.get('/coordinator/agenda', async (req: Request, res: Response) => {
    const me = await current(req);
    if (!me) return redirect(res, '/coordinator');
    const q = req.query as Record<string, unknown>;
    const view = catalogue.view(me.account);
    const target = typeof q.who === 'string' ? q.who : view.sites[0] ? `site:${view.sites[0].id}` : '';
    const [kind, id] = target.split(':');
    const site = kind === 'site' ? view.sites.find((s) => s.id === id) : undefined;
    const vol = kind === 'volunteer' ? view.volunteers.find((v) => v.id === id) : undefined;
    const now = DateTime.fromJSDate(d.now(), { zone: ZONE });
    const asked = typeof q.week === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(q.week) ? DateTime.fromISO(q.week, { zone: ZONE }) : now;
    const monday = (asked.isValid ? asked : now).startOf('week');
    const days = Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }).toFormat('yyyy-MM-dd'));
    const siteIds = new Set(view.sites.map((s) => s.id));
    const slots: Slot[] = (site || vol) ? generateSlots(service.catalog, {
      now: d.now(), horizonDays: Math.max(1, Math.ceil(monday.plus({ days: 7 }).diff(now, 'days').days)),
      ...(site ? { siteIds: [site.id] } : {}), ...(vol ? { volunteerIds: [vol.id] } : {}),
    }).filter((s) => siteIds.has(s.siteId) && days.includes(s.start.slice(0, 10))) : [];
    const taken = await d.store.takenAmong(slots);
    const bookings = (site || vol) ? (await service.list(me.account, { from: monday.toMillis(), to: monday.plus({ days: 7 }).toMillis(), limit: 1000 })).items
      .filter((b) => isActive(b.status) && (site ? b.siteId === site.id : b.volunteerId === vol!.id)) : [];
    const bySlot = new Map(bookings.map((b) => [b.slotId, b]));
    type Row = { start: string; who: string; state: Html };
    const rowsOf = (day: string): Row[] => {
      const rows: Row[] = slots.filter((s) => s.start.startsWith(day)).map((s) => {
        const b = bySlot.get(s.id);
        const who = site ? service.catalog.volunteers.get(s.volunteerId)?.firstName ?? s.volunteerId : service.catalog.sites.get(s.siteId)?.name ?? s.siteId;
        return { start: s.start, who, state: b ? bookingState(b) : taken.has(s.id) ? html`<span class="taken">${t('coordinator.agenda.held')}</span>` : html`<span class="free">${t('coordinator.agenda.free')}</span>` };
      });
      for (const b of bookings) {
        if (b.start.startsWith(day) && !slots.some((s) => s.id === b.slotId)) {
          rows.push({ start: b.start, who: site ? service.catalog.volunteers.get(b.volunteerId)?.firstName ?? '' : service.catalog.sites.get(b.siteId)?.name ?? '', state: bookingState(b) });
        }
      }
      return rows.sort((a, b) => (a.start < b.start ? -1 : 1));
    };
    const bookingState = (b: Booking) => html`<a class="taken" href="/coordinator/bookings/${encodeURIComponent(b.ref)}">${t('coordinator.agenda.taken')} ${b.ref}</a>`;
    const closures = (day: string) => view.absences.filter((a) => a.from < `${day}T23:59` && a.to > `${day}T00:00`
      && (site ? a.siteId === site.id || service.catalog.volunteersAtSite(site.id).some((v) => v.id === a.volunteerId) : a.volunteerId === vol?.id || (vol?.availability.some((x) => x.site === a.siteId) ?? false)));
    const title = t('coordinator.agenda.heading');
    const week = (w: DateTime) => `/coordinator/agenda?who=${encodeURIComponent(target)}&week=${w.toFormat('yyyy-MM-dd')}`;
    sendHtml(res, 200, shell(me, title, 'agenda', html`<h2>${title}</h2>
<form method="get" action="/coordinator/agenda" class="filters">
${field('ag-who', t('coordinator.absences.who'), html`<select id="ag-who" name="who">
${view.sites.map((s) => html`<option value="site:${s.id}"${target === `site:${s.id}` ? html` selected` : ''}>${s.name}</option>`)}
${view.volunteers.map((v) => html`<option value="volunteer:${v.id}"${target === `volunteer:${v.id}` ? html` selected` : ''}>${v.firstName}</option>`)}</select>`)}
${field('ag-week', t('coordinator.agenda.of', { date: '' }).trim(), html`<input id="ag-week" name="week" type="date" value="${monday.toFormat('yyyy-MM-dd')}">`)}
<div><button type="submit">${t('coordinator.agenda.show')}</button></div></form>
<p class="actions"><a class="button secondary" href="${week(monday.minus({ weeks: 1 }))}">${t('coordinator.agenda.previous')}</a>
<a class="button secondary" href="${week(monday.plus({ weeks: 1 }))}">${t('coordinator.agenda.next')}</a></p>
<h2>${t('coordinator.agenda.of', { date: dayFr(days[0]) })} - ${site?.name ?? vol?.firstName ?? ''}</h2>
${days.map((day, i) => {
    const rows = rowsOf(day);
    const closed = closures(day);
    return html`<section class="day card" aria-labelledby="d-${i}"><h3 id="d-${i}">${dayFr(day)}</h3>
${closed.map((a) => html`<p class="closed">${t('coordinator.agenda.closed', { reason: a.reason })}</p>`)}
${rows.length ? html`<table><thead><tr><th scope="col">${t('coordinator.agenda.time')}</th><th scope="col">${t('coordinator.agenda.what')}</th><th scope="col">${t('coordinator.agenda.state')}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td>${r.start.slice(11)}</td><td>${r.who}</td><td>${r.state}</td></tr>`)}</tbody></table>` : html`<p>${t('coordinator.agenda.empty')}</p>`}</section>`;
  })}`));
  });

  // ---- statistics ----------------------------------------------------------------------
  server.get('/coordinator/stats', async (req: Request, res: Response) => {
    const me = await current(req);
    if (!me) return redirect(res, '/coordinator');
    const parsed = StatsQuery.safeParse(req.query ?? {});
    const s = await d.stats.stats(me.account.territory, parsed.success ? parsed.data : {});
    sendHtml(res, 200, shell(me, t('coordinator.stats.heading'), 'stats', statsBody(s, !parsed.success)));
  });

  function statsBody(s: Stats, bad: boolean): Html {
    const c = service.catalog;
    const sections: Array<[key: string, rows: Array<[string, number]>]> = [
      ['byStatus', Object.entries(s.bookings.byStatus).map(([k, n]) => [t(`coordinator.status.${k}`), n])],
      ['byAttendance', Object.entries(s.bookings.byAttendance).map(([k, n]) => [k === 'unrecorded' ? t('coordinator.stats.unrecorded') : t(`coordinator.attendance.${k}`), n])],
      ['byTopic', Object.entries(s.bookings.byTopic).sort((a, b) => b[1] - a[1]).map(([k, n]) => [c.topicLabel(k as never), n])],
      ['bySite', Object.entries(s.bookings.bySite).sort((a, b) => b[1] - a[1]).map(([k, n]) => [c.sites.get(k)?.name ?? k, n])],
      ['byChannel', Object.entries(s.bookings.byChannel).map(([k, n]) => [t(`coordinator.channel.${k}`), n])],
      ['byRequester', Object.entries(s.bookings.byRequester).map(([k, n]) => [t(`coordinator.requestedBy.${k}`), n])],
      ['byMonth', Object.entries(s.bookings.byMonth).map(([k, n]) => [DateTime.fromISO(`${k}-01`).setLocale('fr').toFormat('LLL yyyy'), n])],
      ['byKind', Object.entries(s.bookings.byKind).map(([k, n]) => [t(k === 'workshop' ? 'coordinator.stats.kindWorkshop' : 'coordinator.stats.kindAppointment'), n])],
    ];
    return html`<h2>${t('coordinator.stats.heading')}</h2>${bad ? flash(t('coordinator.stats.badRange'), true) : ''}
<form method="get" action="/coordinator/stats" class="filters" aria-label="${t('coordinator.stats.period')}">
${field('st-from', t('coordinator.stats.from'), html`<input id="st-from" name="from" type="date" value="${s.from}">`)}
${field('st-to', t('coordinator.stats.to'), html`<input id="st-to" name="to" type="date" value="${s.to}">`)}
<div><button type="submit">${t('coordinator.stats.show')}</button></div></form>
<p><strong>${t('coordinator.stats.total', { count: s.bookings.total })}</strong><br>${t('coordinator.stats.people', { count: s.people })}</p>
${sections.map(([key, rows]) => html`<section aria-labelledby="h-${key}"><h3 id="h-${key}">${t(`coordinator.stats.${key}`)}</h3>
${barChart(`c-${key}`, t(`coordinator.stats.${key}`), rows)}
<details><summary>${t('coordinator.stats.figures')}<span class="skip"> - ${t(`coordinator.stats.${key}`)}</span></summary>${figuresTable(t(`coordinator.stats.${key}`), [t('coordinator.stats.label'), t('coordinator.stats.count')], rows)}</details></section>`)}
<p><a href="/coordinator/export.csv">${t('coordinator.export')}</a></p>`;
  }
}

/** On the booking page, once the appointment has started: seen / no-show / excused. */
export function attendanceBlock(b: Booking, csrf: string, noShows: number, now: number, q: Record<string, unknown>): Html {
  const note = q.attendance === 'done' ? flash(t('coordinator.attendance.done')) : q.attendance === 'notStarted' ? flash(t('coordinator.attendance.notStarted'), true) : html``;
  const current = b.attendance ? t(`coordinator.attendance.${b.attendance}`) : t('coordinator.attendance.none');
  const can = isActive(b.status) && b.startsAt <= now;
  return html`<section aria-labelledby="h-attendance" class="card"><h2 id="h-attendance">${t('coordinator.attendance.heading')}</h2>${note}
<p>${current}</p><p>${t('coordinator.attendance.noShows', { count: noShows })}</p>
${can ? html`<div class="actions">${ATTENDANCE.map((a) => html`<form method="post" action="/coordinator/bookings/${encodeURIComponent(b.ref)}/attendance">
<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="status" value="${a}">
<button type="submit"${b.attendance === a ? html` class="secondary" aria-pressed="true"` : ''}>${t(`coordinator.attendance.${a}`)}</button></form>`)}</div>` : ''}</section>`;
}
