// The workshops of the territory: upcoming and recent ones with seats taken and waiting, and
// a form to create one.
import type { Server } from 'restify';
import { TOPIC_IDS, type TopicId } from '../../../booking/model';
import { formatDateFr } from '../../../booking/format';
import { t } from '../../../i18n';
import type { WorkshopView } from '../../../booking/workshop';
import type { WorkshopAdmin } from '../../workshop-admin';
import type { PageGuards } from '../web/guards';
import { html, page, redirect, sendHtml } from '../web/render';
import { CreateWorkshopBody } from '../web/schemas';
import { seatsText, workshopNotice, WORKSHOPS_PATH as BASE } from './workshop-views';

export function registerWorkshopsPage(server: Server, guards: PageGuards, service: WorkshopAdmin): void {
  const catalogue = service.catalogue;

  server.get(BASE, guards.view(async (req, res, me) => {
    const { account, session } = me;
    const now = service.now();
    const all = await service.list(account, { from: now - 30 * 24 * 3600_000 });
    const upcoming = all.filter((w) => w.startsAt > now);
    const past = all.filter((w) => w.startsAt <= now).reverse();
    const rows = (list: readonly WorkshopView[]) => (list.length === 0 ? html`<p>${t('workshop.coord.none')}</p>` : html`
<table><thead><tr><th scope="col">${t('coordinator.field.date')}</th><th scope="col">${t('workshop.coord.title')}</th><th scope="col">${t('coordinator.field.place')}</th>
<th scope="col">${t('workshop.coord.seatsHeading')}</th><th scope="col">${t('workshop.coord.waiting')}</th><th scope="col">${t('coordinator.field.status')}</th></tr></thead><tbody>
${list.map((w) => html`<tr><td><a href="${BASE}/${w.id}">${formatDateFr(w.start)}</a></td><td>${w.title}</td><td>${catalogue.sites.get(w.siteId)?.name ?? w.siteId}</td>
<td>${seatsText(w)}</td><td>${w.waiting}</td><td>${t(`workshop.coord.status.${w.status}`)}</td></tr>`)}
</tbody></table>`);
    const sites = catalogue.sitesOfTerritory(account.territory);
    const create = html`
<details><summary>${t('workshop.coord.create')}</summary>
<form method="post" action="${BASE}"><input type="hidden" name="_csrf" value="${session.csrf}">
  <label for="w-title">${t('workshop.coord.title')}</label><input id="w-title" name="title" required maxlength="120">
  <label for="w-site">${t('coordinator.field.place')}</label>
  <select id="w-site" name="siteId">${sites.map((s) => html`<option value="${s.id}">${s.name}</option>`)}</select>
  <label for="w-topic">${t('coordinator.field.topic')}</label>
  <select id="w-topic" name="topic">${TOPIC_IDS.map((id) => html`<option value="${id}">${catalogue.topicLabel(id)}</option>`)}</select>
  <label for="w-start">${t('workshop.coord.start')}</label><input id="w-start" name="start" type="datetime-local" required>
  <label for="w-duration">${t('workshop.coord.duration')}</label><input id="w-duration" name="durationMinutes" type="number" min="15" max="480" value="90" required>
  <label for="w-seats">${t('workshop.coord.seatsHeading')}</label><input id="w-seats" name="seats" type="number" min="1" max="200" value="10" required>
  <p><button type="submit">${t('workshop.coord.createSubmit')}</button></p>
</form></details>`;
    sendHtml(res, 200, page(t('workshop.coord.heading'), html`
<p><a href="/coordinator">${t('coordinator.booking.back')}</a></p>
${workshopNotice(req.query as Record<string, unknown>)}
<h2>${t('workshop.coord.heading')}</h2>
${create}
<section aria-labelledby="h-up"><h2 id="h-up">${t('workshop.coord.upcoming')} (${upcoming.length})</h2>${rows(upcoming)}</section>
<section aria-labelledby="h-past"><h2 id="h-past">${t('workshop.coord.past')}</h2>${rows(past)}</section>`, { account, csrf: session.csrf }));
  }));

  server.post(BASE, guards.action(async (req, res, g) => {
    const parsed = CreateWorkshopBody.safeParse({
      siteId: g.f.siteId, topic: g.f.topic, title: g.f.title, start: (g.f.start ?? '').slice(0, 16),
      durationMinutes: Number(g.f.durationMinutes), seats: Number(g.f.seats),
    });
    if (!parsed.success) return redirect(res, `${BASE}?error=input`);
    const r = await service.create(g.account, { ...parsed.data, topic: parsed.data.topic as TopicId });
    if (!r.ok) return redirect(res, `${BASE}?error=${r.code === 'forbidden' ? 'forbidden' : 'input'}`);
    redirect(res, `${BASE}/${r.workshop.id}?done=created`);
  }));
}
