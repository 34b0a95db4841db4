// The frame of the signed-in pages: the navigation between them, and small form helpers.
import { DateTime } from 'luxon';
import { ZONE } from '../../../booking/model';
import { t } from '../../../i18n';
import type { Me } from '../web/guards';
import { html, page, type Html } from '../web/render';

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

/** A signed-in page with the navigation, `active` being its entry. */
export function shell(me: Me, title: string, active: string, body: Html): string {
  return page(title, html`${nav(active)}${body}`, { account: me.account, csrf: me.session.csrf });
}

export const csrfInput = (me: Me): Html => html`<input type="hidden" name="_csrf" value="${me.session.csrf}">`;

export function field(id: string, label: string, input: Html): Html {
  return html`<div><label for="${id}">${label}</label>${input}</div>`;
}

export const weekdayLabel = (w: string): string => t(`coordinator.weekday.${w}`);
export const dayFr = (date: string): string => DateTime.fromISO(date, { zone: ZONE }).setLocale('fr').toFormat('cccc d LLLL');
