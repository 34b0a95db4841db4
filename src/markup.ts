// The one escaper of text put into markup: HTML pages (coordinator, widget, home) and the
// TwiML of the SMS webhook. XML differs only in its apostrophe entity and in the control
// characters it cannot carry at all.

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const XML: Record<string, string> = { ...HTML, "'": '&apos;' };

export function escapeMarkup(text: unknown, dialect: 'html' | 'xml' = 'html'): string {
  const s = String(text ?? '');
  if (dialect === 'html') return s.replace(/[&<>"']/g, (c) => HTML[c]);
  return s.replace(/[&<>"']/g, (c) => XML[c])
    // The bot never sends these; defence in depth.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}
