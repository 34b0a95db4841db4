// One booking: details, the actions its status allows (confirm, decline with a reason, move),
// attendance once it has started, and its audit trail. Actions answer with a 303 back to the
// page they came from (post/redirect/get).
import type { Server } from 'restify';
import { isActive } from '../../../booking/lifecycle';
import { ATTENDANCE, type Attendance, type Booking } from '../../../booking/model';
import { t } from '../../../i18n';
import { isReasonCode } from '../../../notices/compose';
import type { Account } from '../../accounts';
import type { ActionResult, CoordinatorService } from '../../service';
import { pathId } from '../web/body';
import type { Me } from '../web/guards';
import { errorPage, flash, html, page, redirect, sendHtml, type Html } from '../web/render';
import { actionNotice, actions, auditTable, details } from './booking-views';
import type { PageContext } from './context';
import { nav } from './nav';

const DONE: Record<string, string> = { confirm: 'confirmed', decline: 'declined', reschedule: 'moved' };

export function registerBookingPage(server: Server, c: PageContext): void {
  const { guards, service } = c;

  server.get('/coordinator/bookings/:id', guards.view(async (req, res, me) => {
    const r = await service.get(me.account, pathId(req).toUpperCase());
    if (!r.ok) {
      const msg = t(r.code === 'forbidden' ? 'coordinator.error.forbidden' : 'coordinator.error.notFound');
      return sendHtml(res, r.code === 'forbidden' ? 403 : 404, errorPage(msg, { href: '/coordinator', label: t('coordinator.booking.back') }, { account: me.account, csrf: me.session.csrf }));
    }
    sendHtml(res, 200, await bookingPage(service, r.booking, me, req.query as Record<string, unknown>, c.now().getTime()));
  }));

  for (const action of ['confirm', 'decline', 'reschedule'] as const) {
    server.post(`/coordinator/bookings/:id/${action}`, guards.action(async (req, res, g) => {
      const ref = pathId(req).toUpperCase();
      const back = g.f.back === 'booking' ? `/coordinator/bookings/${encodeURIComponent(ref)}` : '/coordinator';
      const r = await act(service, g.account, action, ref, g.f);
      if (r === 'no-reason') return redirect(res, `${back}?error=reason`);
      if (r.ok) return redirect(res, `${back}?done=${r.changed ? DONE[action] : 'already'}&ref=${encodeURIComponent(ref)}`);
      const error = r.code === 'slot-taken' ? 'slotTaken' : r.code === 'bad-slot' ? 'badSlot' : r.code === 'not-found' ? 'notFound' : r.code;
      redirect(res, `${back}?error=${error}${r.code === 'conflict' ? `&status=${r.status}` : ''}`);
    }));
  }

  // The form is on this page (see attendanceBlock).
  server.post('/coordinator/bookings/:id/attendance', guards.action(async (req, res, g) => {
    const ref = pathId(req).toUpperCase();
    const status = g.f.status as Attendance;
    const to = `/coordinator/bookings/${encodeURIComponent(ref)}`;
    if (!ATTENDANCE.includes(status)) return redirect(res, to);
    const r = await service.attendance(g.account, ref, status);
    redirect(res, `${to}?${r.ok ? 'attendance=done' : r.code === 'not-started' ? 'attendance=notStarted' : `error=${r.code === 'conflict' ? 'conflict' : 'notFound'}`}`);
  }));
}

async function bookingPage(service: CoordinatorService, b: Booking, me: Me, q: Record<string, unknown>, now: number): Promise<string> {
  const catalogue = service.catalogue;
  const active = isActive(b.status);
  const slots = active ? await service.freeSlots(b.siteId, { booking: b }) : undefined;
  const entries = await service.history(b.ref);
  const cancelledUnlogged = b.status === 'cancelled' && !entries.some((e) => e.after.status === 'cancelled');
  const title = t('coordinator.booking.heading', { ref: b.ref });
  return page(title, html`${nav('bookings')}
<p><a href="/coordinator">${t('coordinator.booking.back')}</a></p>
${actionNotice(q)}
<h2>${title}</h2>
<div class="card">${details(b, catalogue)}${actions(b, me.session.csrf, 'booking', slots, catalogue)}</div>
${attendanceBlock(b, me.session.csrf, await service.noShows(me.account, b.beneficiary.phone), now, q)}
<h2>${t('coordinator.booking.audit')}</h2>
${auditTable(entries, catalogue)}
${cancelledUnlogged ? html`<p>${t('coordinator.booking.cancelledByBeneficiary')}</p>` : ''}`, { account: me.account, csrf: me.session.csrf });
}

/** Once the appointment has started: seen / no-show / excused. */
function attendanceBlock(b: Booking, csrf: string, noShows: number, now: number, q: Record<string, unknown>): Html {
  const note = q.attendance === 'done' ? flash(t('coordinator.attendance.done')) : q.attendance === 'notStarted' ? flash(t('coordinator.attendance.notStarted'), true) : html``;
  const current = b.attendance ? t(`coordinator.attendance.${b.attendance}`) : t('coordinator.attendance.none');
  const can = isActive(b.status) && b.startsAt <= now;
  return html`<section aria-labelledby="h-attendance" class="card"><h2 id="h-attendance">${t('coordinator.attendance.heading')}</h2>${note}
<p>${current}</p><p>${t('coordinator.attendance.noShows', { count: noShows })}</p>
${can ? html`<div class="actions">${ATTENDANCE.map((a) => html`<form method="post" action="/coordinator/bookings/${encodeURIComponent(b.ref)}/attendance">
<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="status" value="${a}">
<button type="submit"${b.attendance === a ? html` class="secondary" aria-pressed="true"` : ''}>${t(`coordinator.attendance.${a}`)}</button></form>`)}</div>` : ''}</section>`;
}

/** Runs a form's action; 'no-reason' when a decline names no reason. */
async function act(
  service: CoordinatorService, account: Account, action: 'confirm' | 'decline' | 'reschedule', ref: string, f: Record<string, string>,
): Promise<ActionResult | 'no-reason'> {
  if (action === 'confirm') return service.confirm(account, ref);
  if (action === 'decline') {
    const text = (f.text ?? '').trim().slice(0, 300);
    const code = f.reason ?? '';
    // A free text wins (it is what the person will read); else the chosen reason.
    const reason = text || (isReasonCode(code) ? code : '');
    if (!reason) return 'no-reason';
    return service.decline(account, ref, reason);
  }
  return service.reschedule(account, ref, f.slotId ?? '');
}
