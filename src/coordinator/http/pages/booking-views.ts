// Pieces of HTML that show a booking (details, action forms, card, audit trail) on the list
// and booking pages, and the message of a redirect after an action.
import { formatDateFr } from '../../../booking/format';
import type { Catalogue } from '../../../booking/catalogue';
import { epochToLocal } from '../../../booking/slots';
import { isActive } from '../../../booking/lifecycle';
import { BOOKING_STATUSES, type Booking, type BookingStatus, type Slot } from '../../../booking/model';
import { isRefCode } from '../../../booking/refcode';
import { flash, html, type Html } from '../web/render';
import { t } from '../../../i18n';
import { DECLINE_REASONS, homeAddressText, isReasonCode } from '../../../notices/compose';
import type { AuditEntry } from '../../../audit';

export function placeOf(b: Booking, catalogue: Catalogue): string {
  // A home visit: where the volunteer goes (the street address), else the commune.
  if (b.mode === 'home') return t('coordinator.home', { commune: homeAddressText(b) || (b.commune?.name ?? catalogue.sites.get(b.siteId)?.address.commune ?? '') });
  return catalogue.sites.get(b.siteId)?.name ?? b.siteId;
}

export function reasonLabel(reason: string | undefined): string {
  if (!reason) return '';
  return isReasonCode(reason) ? t(`coordinator.reason.${reason}`) : reason;
}

function statusBadge(b: Booking): Html {
  return html`<span class="status status-${b.status}">${t(`coordinator.status.${b.status}`)}</span>`;
}

export function details(b: Booking, catalogue: Catalogue): Html {
  const volunteer = catalogue.volunteers.get(b.volunteerId)?.firstName;
  return html`<dl>
  <dt>${t('coordinator.field.ref')}</dt><dd>${b.ref}</dd>
  <dt>${t('coordinator.field.status')}</dt><dd>${statusBadge(b)}</dd>
  <dt>${t('coordinator.field.date')}</dt><dd>${formatDateFr(b.start)}</dd>
  <dt>${t('coordinator.field.topic')}</dt><dd>${catalogue.topicLabel(b.topic)}</dd>
  <dt>${t('coordinator.field.place')}</dt><dd>${placeOf(b, catalogue)}</dd>
  ${volunteer ? html`<dt>${t('coordinator.field.volunteer')}</dt><dd>${volunteer}</dd>` : ''}
  <dt>${t('coordinator.field.beneficiary')}</dt><dd>${b.beneficiary.name}</dd>
  <dt>${t('coordinator.field.phone')}</dt><dd><a href="tel:${b.beneficiary.phone}">${b.beneficiary.phone}</a></dd>
  <dt>${t('coordinator.field.requestedBy')}</dt><dd>${t(`coordinator.requestedBy.${b.requestedBy}`)}</dd>
  <dt>${t('coordinator.field.channel')}</dt><dd>${t(`coordinator.channel.${b.channel}`)}</dd>
  ${b.declineReason ? html`<dt>${t('coordinator.field.reason')}</dt><dd>${reasonLabel(b.declineReason)}</dd>` : ''}
</dl>`;
}

/** The action forms of a booking; `back` says where to return after the action. */
export function actions(b: Booking, csrf: string, back: 'list' | 'booking', slots?: readonly Slot[], catalogue?: Catalogue): Html {
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
    ${slots.map((s) => html`<option value="${s.id}">${formatDateFr(s.start)}${catalogue?.volunteers.get(s.volunteerId) ? ` (${catalogue.volunteers.get(s.volunteerId)!.firstName})` : ''}</option>`)}
  </select>
  <p><button type="submit">${t('coordinator.move.submit')}</button></p>
</form>`}</details>`;
  } else if (active) {
    move = html`<a class="button secondary" href="${base}#deplacer">${t('coordinator.action.move')}</a>`;
  }
  return html`<div class="actions">${confirm}${move && !slots ? move : ''}</div>${decline}${slots ? move : ''}`;
}

export function card(b: Booking, catalogue: Catalogue, csrf: string): Html {
  return html`<article class="card" aria-labelledby="h-${b.ref}">
<h3 id="h-${b.ref}">${catalogue.topicLabel(b.topic)} - ${formatDateFr(b.start)}</h3>
${details(b, catalogue)}
${actions(b, csrf, 'list')}
<p><a href="/coordinator/bookings/${encodeURIComponent(b.ref)}">${t('coordinator.action.open')}<span class="skip"> ${b.ref}</span></a></p>
</article>`;
}

function who(e: AuditEntry): string {
  if (e.actor.kind === 'coordinator') return e.actor.name;
  return e.actor.kind === 'beneficiary' ? t('coordinator.audit.beneficiary') : t('coordinator.audit.system');
}

function stateText(s: AuditEntry['after'], catalogue: Catalogue): string {
  const place = s.mode === 'home' ? t('coordinator.home', { commune: '' }).replace(/,\s*$/, '') : catalogue.sites.get(s.siteId)?.name ?? s.siteId;
  return `${t(`coordinator.status.${s.status}`)}, ${formatDateFr(s.start)}, ${place}`;
}

export function auditTable(entries: readonly AuditEntry[], catalogue: Catalogue): Html {
  if (!entries.length) return html`<p>${t('coordinator.booking.noAudit')}</p>`;
  return html`<table><thead><tr><th scope="col">${t('coordinator.audit.when')}</th><th scope="col">${t('coordinator.audit.who')}</th>
<th scope="col">${t('coordinator.audit.what')}</th><th scope="col">${t('coordinator.audit.change')}</th></tr></thead><tbody>
${entries.map((e) => html`<tr><td>${formatDateFr(epochToLocal(e.at))}</td><td>${who(e)}</td>
<td>${t(`coordinator.audit.${e.action}`)}${e.reason ? html`<br>${reasonLabel(e.reason)}` : ''}</td>
<td>${stateText(e.before, catalogue)} → ${stateText(e.after, catalogue)}</td></tr>`)}
</tbody></table>`;
}

/** The message of a redirect after an action (fixed sentences only; the ref is escaped). */
export function actionNotice(q: Record<string, unknown>): Html {
  const ref = isRefCode(q.ref) ? q.ref : '';
  if (typeof q.done === 'string' && ['confirmed', 'declined', 'moved', 'already'].includes(q.done)) return flash(t(`coordinator.done.${q.done}`, { ref }));
  if (typeof q.error === 'string' && ['conflict', 'slotTaken', 'badSlot', 'reason', 'notFound', 'forbidden', 'past'].includes(q.error)) {
    const status = BOOKING_STATUSES.includes(q.status as BookingStatus) ? t(`coordinator.status.${q.status as BookingStatus}`) : '';
    return flash(t(`coordinator.error.${q.error}`, { status }), true);
  }
  return html``;
}
