// A volunteer's leave or a site's closure: the list, a form to add one (then the bookings
// already made inside it, to move or decline), and a button to delete one.
import type { Server } from 'restify';
import { DateTime } from 'luxon';
import { formatDateFr } from '../../../booking/format';
import { ZONE } from '../../../booking/model';
import { t } from '../../../i18n';
import { pathId } from '../web/body';
import { flash, html, redirect, sendHtml } from '../web/render';
import type { PageContext } from './context';
import { csrfInput, field, shell } from './nav';

export function registerAbsencesPage(server: Server, c: PageContext): void {
  const { guards, service, catalogueService } = c;

  server.get('/coordinator/absences', guards.view(async (req, res, me) => {
    const q = req.query as Record<string, unknown>;
    const view = catalogueService.view(me.account);
    const created = typeof q.created === 'string' ? view.absences.find((a) => a.id === q.created) : undefined;
    const inside = created ? await catalogueService.bookingsInside(me.account, created) : [];
    const name = (a: { volunteerId?: string; siteId?: string }) => (a.volunteerId
      ? t('coordinator.absences.volunteer', { name: service.catalogue.volunteers.get(a.volunteerId)?.firstName ?? a.volunteerId })
      : t('coordinator.absences.site', { name: service.catalogue.sites.get(a.siteId ?? '')?.name ?? a.siteId ?? '' }));
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
  }));

  server.post('/coordinator/absences', guards.action(async (req, res, g) => {
    const [kind, id] = (g.f.who ?? '').split(':');
    const r = await catalogueService.addAbsence(g.account, {
      ...(kind === 'site' ? { siteId: id } : { volunteerId: id }), from: g.f.from ?? '', to: g.f.to ?? '', reason: (g.f.reason ?? '').trim().slice(0, 300),
    }, g.account.id);
    if (!r.ok) return redirect(res, `/coordinator/absences?error=${encodeURIComponent(r.message)}`);
    redirect(res, `/coordinator/absences?created=${r.absence.id}`);
  }));

  server.post('/coordinator/absences/:id/delete', guards.action(async (req, res, g) => {
    const r = await catalogueService.deleteAbsence(g.account, pathId(req));
    redirect(res, r.ok ? '/coordinator/absences?done=deleted' : `/coordinator/absences?error=${encodeURIComponent(r.message)}`);
  }));
}
