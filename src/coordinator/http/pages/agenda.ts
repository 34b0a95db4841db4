// The week's agenda of one site or one volunteer: each slot free, held or booked, and the
// closures of the day.
import type { Server } from 'restify';
import { DateTime } from 'luxon';
import { isActive } from '../../../booking/lifecycle';
import { ZONE, type Booking, type Slot } from '../../../booking/model';
import { generateSlots } from '../../../booking/slots';
import { t } from '../../../i18n';
import { html, sendHtml, type Html } from '../web/render';
import type { PageContext } from './context';
import { dayFr, field, shell } from './nav';

export function registerAgendaPage(server: Server, c: PageContext): void {
  const { guards, service, catalogueService } = c;

  server.get('/coordinator/agenda', guards.view(async (req, res, me) => {
    const q = req.query as Record<string, unknown>;
    const view = catalogueService.view(me.account);
    const target = typeof q.who === 'string' ? q.who : view.sites[0] ? `site:${view.sites[0].id}` : '';
    const [kind, id] = target.split(':');
    const site = kind === 'site' ? view.sites.find((s) => s.id === id) : undefined;
    const vol = kind === 'volunteer' ? view.volunteers.find((v) => v.id === id) : undefined;
    const now = DateTime.fromJSDate(c.now(), { zone: ZONE });
    const asked = typeof q.week === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(q.week) ? DateTime.fromISO(q.week, { zone: ZONE }) : now;
    const monday = (asked.isValid ? asked : now).startOf('week');
    const days = Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }).toFormat('yyyy-MM-dd'));
    const siteIds = new Set(view.sites.map((s) => s.id));
    const slots: Slot[] = (site || vol) ? generateSlots(service.catalogue, {
      now: c.now(), horizonDays: Math.max(1, Math.ceil(monday.plus({ days: 7 }).diff(now, 'days').days)),
      ...(site ? { siteIds: [site.id] } : {}), ...(vol ? { volunteerIds: [vol.id] } : {}),
    }).filter((s) => siteIds.has(s.siteId) && days.includes(s.start.slice(0, 10))) : [];
    const taken = await c.store.bookings.takenAmong(slots);
    const bookings = (site || vol) ? (await service.list(me.account, { from: monday.toMillis(), to: monday.plus({ days: 7 }).toMillis(), limit: 1000 })).items
      .filter((b) => isActive(b.status) && (site ? b.siteId === site.id : b.volunteerId === vol!.id)) : [];
    const bySlot = new Map(bookings.map((b) => [b.slotId, b]));
    type Row = { start: string; who: string; state: Html };
    const rowsOf = (day: string): Row[] => {
      const rows: Row[] = slots.filter((s) => s.start.startsWith(day)).map((s) => {
        const b = bySlot.get(s.id);
        const who = site ? service.catalogue.volunteers.get(s.volunteerId)?.firstName ?? s.volunteerId : service.catalogue.sites.get(s.siteId)?.name ?? s.siteId;
        return { start: s.start, who, state: b ? bookingState(b) : taken.has(s.id) ? html`<span class="taken">${t('coordinator.agenda.held')}</span>` : html`<span class="free">${t('coordinator.agenda.free')}</span>` };
      });
      for (const b of bookings) {
        if (b.start.startsWith(day) && !slots.some((s) => s.id === b.slotId)) {
          rows.push({ start: b.start, who: site ? service.catalogue.volunteers.get(b.volunteerId)?.firstName ?? '' : service.catalogue.sites.get(b.siteId)?.name ?? '', state: bookingState(b) });
        }
      }
      return rows.sort((a, b) => (a.start < b.start ? -1 : 1));
    };
    const bookingState = (b: Booking) => html`<a class="taken" href="/coordinator/bookings/${encodeURIComponent(b.ref)}">${t('coordinator.agenda.taken')} ${b.ref}</a>`;
    const closures = (day: string) => view.absences.filter((a) => a.from < `${day}T23:59` && a.to > `${day}T00:00`
      && (site ? a.siteId === site.id || service.catalogue.volunteersAtSite(site.id).some((v) => v.id === a.volunteerId) : a.volunteerId === vol?.id || (vol?.availability.some((x) => x.site === a.siteId) ?? false)));
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
  }));
}
