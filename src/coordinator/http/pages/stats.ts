// The territory's statistics over a period, drawn as server-side bar charts, each followed by
// its figures as a table.
import type { Server } from 'restify';
import { DateTime } from 'luxon';
import { t } from '../../../i18n';
import type { Stats } from '../../../stats';
import { barChart, figuresTable } from './charts';
import { flash, html, sendHtml, type Html } from '../web/render';
import { StatsQuery } from '../web/schemas';
import type { PageContext } from './context';
import { field, shell } from './nav';

export function registerStatsPage(server: Server, c: PageContext): void {
  const { guards, service } = c;

  server.get('/coordinator/stats', guards.view(async (req, res, me) => {
    const parsed = StatsQuery.safeParse(req.query ?? {});
    const s = await c.stats.stats(me.account.territory, parsed.success ? parsed.data : {});
    sendHtml(res, 200, shell(me, t('coordinator.stats.heading'), 'stats', statsBody(s, !parsed.success)));
  }));

  function statsBody(s: Stats, bad: boolean): Html {
    const c = service.catalogue;
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
