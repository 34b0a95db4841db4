// One workshop: its participants (attendance once started), its waiting list and live offers,
// and the forms to change it or cancel it (the reason is sent to the participants).
import type { Server } from 'restify';
import { ATTENDANCE, TOPIC_IDS, type Attendance } from '../../../booking/model';
import { formatDateFr } from '../../../booking/format';
import { epochToLocal } from '../../../booking/slots';
import { t } from '../../../i18n';
import { WORKSHOP_ID } from '../../../booking/workshop';
import type { WorkshopAdmin } from '../../workshop-admin';
import type { CoordinatorService } from '../../service';
import { pathId } from '../web/body';
import type { PageGuards } from '../web/guards';
import { errorPage, html, page, redirect, sendHtml } from '../web/render';
import { ChangeWorkshopBody } from '../web/schemas';
import { errorWord, seatsText, workshopNotice, WORKSHOPS_PATH as BASE } from './workshop-views';

export function registerWorkshopPage(server: Server, guards: PageGuards, service: WorkshopAdmin, coordinator: CoordinatorService): void {
  const catalogue = service.catalogue;

  server.get(`${BASE}/:id`, guards.view(async (req, res, me) => {
    const id = pathId(req);
    const r = WORKSHOP_ID.test(id) ? await service.detail(me.account, id) : ({ ok: false, code: 'not-found' } as const);
    if (!r.ok) {
      const msg = t(r.code === 'forbidden' ? 'coordinator.error.forbidden' : 'workshop.coord.error.notFound');
      return sendHtml(res, r.code === 'forbidden' ? 403 : 404, errorPage(msg, { href: BASE, label: t('workshop.coord.back') }, { account: me.account, csrf: me.session.csrf }));
    }
    const w = r.workshop;
    const csrf = me.session.csrf;
    const started = w.startsAt <= service.now();
    const hidden = html`<input type="hidden" name="_csrf" value="${csrf}">`;
    const attendanceForm = (ref: string, current: string | null) => (!started ? html`${t('workshop.coord.attendanceLater')}` : html`
<form method="post" action="${BASE}/${w.id}/attendance">${hidden}<input type="hidden" name="ref" value="${ref}">
<label class="skip" for="a-${ref}">${t('workshop.coord.attendance')}</label>
<select id="a-${ref}" name="status">${ATTENDANCE.map((a) => html`<option value="${a}"${a === current ? html` selected` : ''}>${t(`workshop.coord.att.${a}`)}</option>`)}</select>
<button class="secondary" type="submit">${t('workshop.coord.attendanceSubmit')}</button></form>`);
    const participants = r.participants.length === 0 ? html`<p>${t('workshop.coord.noParticipant')}</p>` : html`
<table><thead><tr><th scope="col">${t('coordinator.field.ref')}</th><th scope="col">${t('coordinator.field.beneficiary')}</th><th scope="col">${t('coordinator.field.phone')}</th>
<th scope="col">${t('coordinator.field.requestedBy')}</th><th scope="col">${t('workshop.coord.attendance')}</th></tr></thead><tbody>
${r.participants.map((p) => html`<tr><td><a href="/coordinator/bookings/${p.ref}">${p.ref}</a></td><td>${p.name}</td><td><a href="tel:${p.phone}">${p.phone}</a></td>
<td>${t(`coordinator.requestedBy.${p.requestedBy}`)}</td><td>${attendanceForm(p.ref, p.attendance)}</td></tr>`)}
</tbody></table>`;
    const waiting = r.waitingList.length === 0 && r.offers.length === 0 ? html`<p>${t('workshop.coord.noWaiting')}</p>` : html`
<table><thead><tr><th scope="col">#</th><th scope="col">${t('coordinator.field.beneficiary')}</th><th scope="col">${t('coordinator.field.phone')}</th><th scope="col">${t('workshop.coord.since')}</th></tr></thead><tbody>
${r.offers.map((o) => html`<tr><td>${t('workshop.coord.offered')}</td><td>${o.name}</td><td>${o.phone}</td><td>${t('workshop.coord.offerUntil', { date: formatDateFr(epochToLocal(Date.parse(o.expiresAt))) })}</td></tr>`)}
${r.waitingList.map((e, i) => html`<tr><td>${i + 1}</td><td>${e.name}</td><td>${e.phone}</td><td>${formatDateFr(epochToLocal(Date.parse(e.since)))}</td></tr>`)}
</tbody></table>`;
    const cancel = w.status === 'scheduled' && !started ? html`
<details><summary>${t('workshop.coord.cancel')}</summary>
<form method="post" action="${BASE}/${w.id}/cancel">${hidden}
  <label for="c-reason">${t('workshop.coord.cancelReason')}</label>
  <textarea id="c-reason" name="reason" rows="2" maxlength="300" required></textarea>
  <p><button class="danger" type="submit">${t('workshop.coord.cancelSubmit')}</button></p>
</form></details>` : '';
    const selected = (on: boolean) => (on ? html` selected` : '');
    const change = w.status === 'scheduled' && !started ? html`
<details><summary>${t('workshop.coord.change')}</summary>
<form method="post" action="${BASE}/${w.id}/change">${hidden}
  <label for="m-title">${t('workshop.coord.title')}</label><input id="m-title" name="title" required maxlength="120" value="${w.title}">
  <label for="m-site">${t('coordinator.field.place')}</label>
  <select id="m-site" name="siteId">${catalogue.sitesOfTerritory(me.account.territory).map((s) => html`<option value="${s.id}"${selected(s.id === w.siteId)}>${s.name}</option>`)}</select>
  <label for="m-topic">${t('coordinator.field.topic')}</label>
  <select id="m-topic" name="topic">${TOPIC_IDS.map((id) => html`<option value="${id}"${selected(id === w.topic)}>${catalogue.topicLabel(id)}</option>`)}</select>
  <label for="m-start">${t('workshop.coord.start')}</label><input id="m-start" name="start" type="datetime-local" required value="${w.start}">
  <label for="m-duration">${t('workshop.coord.duration')}</label><input id="m-duration" name="durationMinutes" type="number" min="15" max="480" required value="${w.durationMinutes}">
  <label for="m-seats">${t('workshop.coord.seatsHeading')}</label><input id="m-seats" name="seats" type="number" min="${Math.max(1, w.seatsTaken + w.seatsOffered)}" max="200" required value="${w.seats}" aria-describedby="m-seats-help">
  <p id="m-seats-help">${t('workshop.coord.changeHelp', { taken: w.seatsTaken + w.seatsOffered })}</p>
  <p><button type="submit">${t('workshop.coord.changeSubmit')}</button></p>
</form></details>` : '';
    sendHtml(res, 200, page(w.title, html`
<p><a href="${BASE}">${t('workshop.coord.back')}</a></p>
${workshopNotice(req.query as Record<string, unknown>)}
<h2>${w.title}</h2>
<div class="card"><dl>
  <dt>${t('coordinator.field.date')}</dt><dd>${formatDateFr(w.start)} (${t('workshop.coord.minutes', { count: w.durationMinutes })})</dd>
  <dt>${t('coordinator.field.topic')}</dt><dd>${catalogue.topicLabel(w.topic)}</dd>
  <dt>${t('coordinator.field.place')}</dt><dd>${catalogue.sites.get(w.siteId)?.name ?? w.siteId}</dd>
  <dt>${t('workshop.coord.seatsHeading')}</dt><dd>${seatsText(w)}</dd>
  <dt>${t('coordinator.field.status')}</dt><dd>${t(`workshop.coord.status.${w.status}`)}${w.cancelReason ? ` : ${w.cancelReason}` : ''}</dd>
</dl>${change}${cancel}</div>
<section aria-labelledby="h-part"><h2 id="h-part">${t('workshop.coord.participants')} (${r.participants.length})</h2>${participants}</section>
<section aria-labelledby="h-wait"><h2 id="h-wait">${t('workshop.coord.waitingList')} (${r.waitingList.length})</h2>${waiting}</section>`, { account: me.account, csrf }));
  }));

  server.post(`${BASE}/:id/change`, guards.action(async (req, res, g) => {
    const id = pathId(req);
    if (!WORKSHOP_ID.test(id)) return redirect(res, `${BASE}?error=notFound`);
    // A field the form did not send is not changed (an empty one is refused).
    const num = (v?: string) => (v === undefined ? undefined : Number(v));
    const parsed = ChangeWorkshopBody.safeParse({
      siteId: g.f.siteId, topic: g.f.topic, title: g.f.title, start: g.f.start?.slice(0, 16),
      durationMinutes: num(g.f.durationMinutes), seats: num(g.f.seats),
    });
    if (!parsed.success) return redirect(res, `${BASE}/${id}?error=input`);
    const r = await service.change(g.account, id, parsed.data);
    if (!r.ok) return redirect(res, `${BASE}/${id}?error=${errorWord(r)}`);
    redirect(res, `${BASE}/${id}?done=${r.changed ? 'changed' : 'unchanged'}`);
  }));

  server.post(`${BASE}/:id/cancel`, guards.action(async (req, res, g) => {
    const id = pathId(req);
    const reason = (g.f.reason ?? '').trim().slice(0, 300);
    if (!reason) return redirect(res, `${BASE}/${id}?error=reason`);
    const r = await service.cancel(g.account, id, reason);
    if (!r.ok) return redirect(res, `${BASE}/${id}?error=${errorWord(r)}`);
    redirect(res, `${BASE}/${id}?done=${r.changed ? 'cancelled' : 'already'}`);
  }));

  server.post(`${BASE}/:id/attendance`, guards.action(async (req, res, g) => {
    const id = pathId(req);
    const status = g.f.status as Attendance;
    if (!(ATTENDANCE as readonly string[]).includes(status)) return redirect(res, `${BASE}/${id}?error=input`);
    const r = await coordinator.attendance(g.account, String(g.f.ref ?? '').toUpperCase(), status);
    if (!r.ok) return redirect(res, `${BASE}/${id}?error=${r.code === 'not-started' ? 'notStarted' : r.code === 'forbidden' ? 'forbidden' : 'notFound'}`);
    redirect(res, `${BASE}/${id}?done=attendance`);
  }));
}
