// Territory reporting: counts by topic, site, mode, status and attendance. Never a name or a number.
import type { Catalogue } from '../booking/catalogue';
import type { Response } from 'restify';
import type { Booking } from '../booking/model';
import { allPages } from '../store/paging';
import type { Account } from './accounts';
import type { CoordinatorService } from './service';

export const CSV_HEADER = ['topic', 'topic_label', 'site_id', 'site_name', 'mode', 'status', 'attendance', 'count'] as const;

/** One CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function exportCsv(bookings: readonly Booking[], catalogue: Catalogue): string {
  const counts = new Map<string, { b: Booking; n: number }>();
  for (const b of bookings) {
    const k = [b.topic, b.siteId, b.mode, b.status, b.attendance ?? ''].join('\u0000');
    const c = counts.get(k);
    if (c) c.n += 1; else counts.set(k, { b, n: 1 });
  }
  const rows = [...counts.values()]
    .map(({ b, n }) => [b.topic, catalogue.topicLabel(b.topic), b.siteId, catalogue.sites.get(b.siteId)?.name ?? '', b.mode, b.status, b.attendance ?? '', n])
    .sort((x, y) => String(x[0]).localeCompare(String(y[0])) || String(x[2]).localeCompare(String(y[2]))
      || String(x[4]).localeCompare(String(y[4])) || String(x[5]).localeCompare(String(y[5])) || String(x[6]).localeCompare(String(y[6])));
  return [CSV_HEADER as readonly (string | number)[], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The territory's CSV as a download (the API and the pages send the same file). */
export async function sendCsv(res: Response, service: CoordinatorService, account: Account, from?: number, to?: number): Promise<void> {
  const bookings = await allPages((offset, limit) => service.list(account, { from, to, offset, limit }));
  const body = exportCsv(bookings, service.catalogue);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="les-connectes-${account.territory}.csv"`);
  res.setHeader('Cache-Control', 'no-store');
  res.sendRaw(200, body);
}
