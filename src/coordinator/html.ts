// Server-rendered HTML of the coordinator pages: no framework, no script. Every piece of text
// that is not a fixed sentence of fr.json goes through esc(); the helpers below take escaped
// HTML (strings built with html``) apart from plain text, so nothing is escaped twice or not at all.
import { homeAddressText } from '../notices/compose';
import { formatDateFr } from '../booking/format';
import type { Catalog } from '../booking/catalog';
import { epochToLocal } from '../booking/slots';
import { isActive } from '../booking/lifecycle';
import type { Booking, Slot } from '../booking/model';
import { t } from '../i18n';
import { DECLINE_REASONS, isReasonCode } from '../notices/compose';
import type { Account } from './accounts';
import type { AuditEntry } from '../audit';

/** Escaped HTML, as opposed to text. */
export class Html { constructor(readonly value: string) {} toString(): string { return this.value; } }

export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}

type Part = Html | string | number | undefined | null | false | readonly Part[];
function render(p: Part): string {
  if (p === undefined || p === null || p === false) return '';
  if (p instanceof Html) return p.value;
  if (Array.isArray(p)) return p.map(render).join('');
  return esc(p);
}

/** Tagged template: interpolated values are escaped unless they are Html. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  values.forEach((v, i) => { out += render(v) + strings[i + 1]; });
  return new Html(out);
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f6f6f4}
a{color:#0b4f9c}header,main{max-width:60rem;margin:0 auto;padding:1rem}header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;border-bottom:2px solid #ddd}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}h3{font-size:1.05rem;margin:0 0 .4rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
:focus-visible{outline:3px solid #e8a500;outline-offset:2px}
.card{background:#fff;border:1px solid #ccc;border-radius:6px;padding:1rem;margin:.75rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .75rem;margin:0 0 .75rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
@media (max-width:30rem){dl{grid-template-columns:1fr}dd{margin-bottom:.3rem}}
button,.button{font:inherit;padding:.55rem 1rem;border-radius:6px;border:2px solid #0b4f9c;background:#0b4f9c;color:#fff;cursor:pointer;text-decoration:none;display:inline-block;min-height:44px}
button.secondary,.button.secondary{background:#fff;color:#0b4f9c}button.danger{background:#fff;color:#a3161a;border-color:#a3161a}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-start}.actions form{margin:0}
details{margin-top:.5rem}summary{cursor:pointer;font-weight:600;min-height:44px;padding:.5rem 0}
label{display:block;font-weight:600;margin:.5rem 0 .2rem}input,select,textarea{font:inherit;width:100%;max-width:30rem;padding:.45rem;border:1px solid #767676;border-radius:4px}
fieldset{border:1px solid #ccc;border-radius:6px;margin:.75rem 0;padding:.5rem 1rem 1rem}
.filters{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}.filters div{flex:1 1 12rem}
.flash{padding:.75rem 1rem;border-radius:6px;background:#e7f4e4;border:1px solid #2e7d32}.flash.error{background:#fdecea;border-color:#a3161a}
.status{font-weight:600}.status-pending{color:#8a4b00}.status-confirmed{color:#1e6b24}.status-declined,.status-cancelled{color:#a3161a}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ddd;vertical-align:top}
`;

export function page(title: string, body: Html, opts: { account?: Account; csrf?: string } = {}): string {
  const header = opts.account && opts.csrf ? html`
<header>
  <div><h1>${t('coordinator.title')}</h1><p>${t('coordinator.signedInAs', { name: opts.account.name, territory: opts.account.territory })}</p></div>
  <form method="post" action="/coordinator/logout"><input type="hidden" name="_csrf" value="${opts.csrf}"><button class="secondary" type="submit">${t('coordinator.signOut')}</button></form>
</header>` : html`<header><h1>${t('coordinator.title')}</h1></header>`;
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(title)}</title><style>${STYLE}</style></head>
<body><a class="skip" href="#contenu">${esc(t('coordinator.skip'))}</a>${header.value}
<main id="contenu">${body.value}</main></body></html>`;
}

export function flash(message: string | undefined, error = false): Html {
  if (!message) return html``;
  return error ? html`<p class="flash error" role="alert">${message}</p>` : html`<p class="flash" role="status">${message}</p>`;
}

export function signInPage(error?: string): string {
  return page(t('coordinator.signIn.heading'), html`
<h2>${t('coordinator.signIn.heading')}</h2>
${flash(error, true)}
<p>${t('coordinator.signIn.intro')}</p>
<form method="post" action="/coordinator/login">
  <fieldset><legend>${t('coordinator.signIn.tokenLegend')}</legend>
    <label for="token">${t('coordinator.signIn.token')}</label>
    <input id="token" name="token" type="password" autocomplete="off" spellcheck="false">
    <p><button type="submit">${t('coordinator.signIn.submit')}</button></p>
  </fieldset>
</form>
<form method="post" action="/coordinator/login">
  <fieldset><legend>${t('coordinator.signIn.passwordLegend')}</legend>
    <label for="account">${t('coordinator.signIn.account')}</label>
    <input id="account" name="account" autocomplete="username" spellcheck="false">
    <label for="password">${t('coordinator.signIn.password')}</label>
    <input id="password" name="password" type="password" autocomplete="current-password">
    <p><button type="submit">${t('coordinator.signIn.submit')}</button></p>
  </fieldset>
</form>`);
}

export function placeOf(b: Booking, catalog: Catalog): string {
  // A home visit: where the volunteer goes (the street address), else the commune.
  if (b.mode === 'home') return t('coordinator.home', { commune: homeAddressText(b) || (b.commune?.name ?? catalog.sites.get(b.siteId)?.address.commune ?? '') });
  return catalog.sites.get(b.siteId)?.name ?? b.siteId;
}

export function reasonLabel(reason: string | undefined): string {
  if (!reason) return '';
  return isReasonCode(reason) ? t(`coordinator.reason.${reason}`) : reason;
}

function statusBadge(b: Booking): Html {
  return html`<span class="status status-${b.status}">${t(`coordinator.status.${b.status}`)}</span>`;
}

export function details(b: Booking, catalog: Catalog): Html {
  const volunteer = catalog.volunteers.get(b.volunteerId)?.firstName;
  return html`<dl>
  <dt>${t('coordinator.field.ref')}</dt><dd>${b.ref}</dd>
  <dt>${t('coordinator.field.status')}</dt><dd>${statusBadge(b)}</dd>
  <dt>${t('coordinator.field.date')}</dt><dd>${formatDateFr(b.start)}</dd>
  <dt>${t('coordinator.field.topic')}</dt><dd>${catalog.topicLabel(b.topic)}</dd>
  <dt>${t('coordinator.field.place')}</dt><dd>${placeOf(b, catalog)}</dd>
  ${volunteer ? html`<dt>${t('coordinator.field.volunteer')}</dt><dd>${volunteer}</dd>` : ''}
  <dt>${t('coordinator.field.beneficiary')}</dt><dd>${b.beneficiary.name}</dd>
  <dt>${t('coordinator.field.phone')}</dt><dd><a href="tel:${b.beneficiary.phone}">${b.beneficiary.phone}</a></dd>
  <dt>${t('coordinator.field.requestedBy')}</dt><dd>${t(`coordinator.requestedBy.${b.requestedBy}`)}</dd>
  <dt>${t('coordinator.field.channel')}</dt><dd>${t(`coordinator.channel.${b.channel}`)}</dd>
  ${b.declineReason ? html`<dt>${t('coordinator.field.reason')}</dt><dd>${reasonLabel(b.declineReason)}</dd>` : ''}
</dl>`;
}

/** The action forms of a booking; `back` says where to return after the action. */
export function actions(b: Booking, csrf: string, back: 'list' | 'booking', slots?: readonly Slot[], catalog?: Catalog): Html {
  const hidden = html`<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="back" value="${back}">`;
  const base = `/coordinator/bookings/${encodeURIComponent(b.ref)}`;
  const active = isActive(b.status);
  const id = (s: string) => `${s}-${b.ref}`;
  const confirm = b.status === 'pending' ? html`<form method="post" action="${base}/confirm">${hidden}<button type="submit">${t('coordinator.action.confirm')}</button></form>` : '';
  const decline = b.status === 'pending' ? html`
<details><summary>${t('coordinator.action.decline')}</summary>
<form method="post" action="${base}/decline">${hidden}
  <label for="${id('reason')}">${t('coordinator.decline.reason')}</label>
  <select id="${id('reason')}" name="reason">
    ${DECLINE_REASONS.map((r) => html`<option value="${r}">${t(`coordinator.reason.${r}`)}</option>`)}
    <option value="other">${t('coordinator.decline.other')}</option>
  </select>
  <label for="${id('text')}">${t('coordinator.decline.text')}</label>
  <textarea id="${id('text')}" name="text" rows="2" maxlength="300"></textarea>
  <p><button class="danger" type="submit">${t('coordinator.action.decline')}</button></p>
</form></details>` : '';
  let move: Html | string = '';
  if (active && slots) {
    move = html`
<details id="deplacer" open><summary>${t('coordinator.move.legend')}</summary>
${slots.length === 0 ? html`<p>${t('coordinator.move.none')}</p>` : html`
<form method="post" action="${base}/reschedule">${hidden}
  <label for="${id('slot')}">${t('coordinator.move.slot')}</label>
  <select id="${id('slot')}" name="slotId">
    ${slots.map((s) => html`<option value="${s.id}">${formatDateFr(s.start)}${catalog?.volunteers.get(s.volunteerId) ? ` (${catalog.volunteers.get(s.volunteerId)!.firstName})` : ''}</option>`)}
  </select>
  <p><button type="submit">${t('coordinator.move.submit')}</button></p>
</form>`}</details>`;
  } else if (active) {
    move = html`<a class="button secondary" href="${base}#deplacer">${t('coordinator.action.move')}</a>`;
  }
  return html`<div class="actions">${confirm}${move && !slots ? move : ''}</div>${decline}${slots ? move : ''}`;
}

export function card(b: Booking, catalog: Catalog, csrf: string): Html {
  return html`<article class="card" aria-labelledby="h-${b.ref}">
<h3 id="h-${b.ref}">${catalog.topicLabel(b.topic)} - ${formatDateFr(b.start)}</h3>
${details(b, catalog)}
${actions(b, csrf, 'list')}
<p><a href="/coordinator/bookings/${encodeURIComponent(b.ref)}">${t('coordinator.action.open')}<span class="skip"> ${b.ref}</span></a></p>
</article>`;
}

function who(e: AuditEntry): string {
  if (e.actor.kind === 'coordinator') return e.actor.name;
  return e.actor.kind === 'beneficiary' ? t('coordinator.audit.beneficiary') : t('coordinator.audit.system');
}

function stateText(s: AuditEntry['after'], catalog: Catalog): string {
  const place = s.mode === 'home' ? t('coordinator.home', { commune: '' }).replace(/,\s*$/, '') : catalog.sites.get(s.siteId)?.name ?? s.siteId;
  return `${t(`coordinator.status.${s.status}`)}, ${formatDateFr(s.start)}, ${place}`;
}

export function auditTable(entries: readonly AuditEntry[], catalog: Catalog): Html {
  if (!entries.length) return html`<p>${t('coordinator.booking.noAudit')}</p>`;
  return html`<table><thead><tr><th scope="col">${t('coordinator.audit.when')}</th><th scope="col">${t('coordinator.audit.who')}</th>
<th scope="col">${t('coordinator.audit.what')}</th><th scope="col">${t('coordinator.audit.change')}</th></tr></thead><tbody>
${entries.map((e) => html`<tr><td>${formatDateFr(epochToLocal(e.at))}</td><td>${who(e)}</td>
<td>${t(`coordinator.audit.${e.action}`)}${e.reason ? html`<br>${reasonLabel(e.reason)}` : ''}</td>
<td>${stateText(e.before, catalog)} → ${stateText(e.after, catalog)}</td></tr>`)}
</tbody></table>`;
}
