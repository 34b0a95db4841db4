// RFC 5545 folding at 75 octets: what the `ics` package does by characters, redone by octets.
import { foldIcsLines } from '../../src/widget/ics';

const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '');

describe('foldIcsLines', () => {
  it('folds accented text at 75 octets without splitting a character, and unfolds to the same line', () => {
    const line = `DESCRIPTION:${'Rendez-vous à la médiathèque, été comme hiver. '.repeat(6)}`;
    const folded = foldIcsLines(`BEGIN:VEVENT\r\n${line}\r\nEND:VEVENT`);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.slice(2, -1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded).not.toContain('\uFFFD');
    expect(unfold(folded)).toBe(`BEGIN:VEVENT\r\n${line}\r\nEND:VEVENT`);
  });

  it('refolds a line the package folded by characters (tab continuation) into octet-sized lines', () => {
    const long = 'é'.repeat(80);
    const byChars = `SUMMARY:${long.slice(0, 67)}\r\n\t${long.slice(67)}`;
    const folded = foldIcsLines(byChars);
    expect(unfold(folded)).toBe(`SUMMARY:${long}`);
    expect(folded.split('\r\n').map((l) => Buffer.byteLength(l, 'utf8')).every((n) => n <= 75)).toBe(true);
  });

  it('leaves short lines alone', () => {
    expect(foldIcsLines('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n')).toBe('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n');
  });
});
