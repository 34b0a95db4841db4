import { formatDateFr, formatDayFr, formatDayShortFr, formatShortFr, formatTimeFr } from '../../src/booking/format';

describe('French dates', () => {
  it('says dates the French way', () => {
    expect(formatDateFr('2026-12-01T14:30')).toBe('mardi 1er décembre à 14 h 30');
    expect(formatDateFr('2026-12-02T14:00')).toBe('mercredi 2 décembre à 14 h');
    expect(formatDateFr('2027-03-28T09:05')).toBe('dimanche 28 mars à 9 h 05');
    expect(formatDateFr('2027-08-01T12:00')).toBe('dimanche 1er août à 12 h');
    expect(formatDateFr('2027-01-04T10:15', { year: true })).toBe('lundi 4 janvier 2027 à 10 h 15');
  });

  it('day and time alone', () => {
    expect(formatDayFr('2026-12-01T14:30')).toBe('mardi 1er décembre');
    expect(formatDayFr('2027-02-01')).toBe('lundi 1er février');
    expect(formatTimeFr('2026-12-01T14:30')).toBe('14 h 30');
    expect(formatTimeFr('2026-12-01T16:00')).toBe('16 h');
    expect(formatTimeFr('2026-12-01T09:30')).toBe('9 h 30');
  });

  it('every weekday and month', () => {
    const days = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'].map((d) => formatDayFr(d).split(' ')[0]);
    expect(days).toEqual(['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']);
    const months = Array.from({ length: 12 }, (_, i) => formatDayFr(`2027-${String(i + 1).padStart(2, '0')}-15`).split(' ')[2]);
    expect(months).toEqual(['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre']);
  });

  it('short form for SMS', () => {
    expect(formatShortFr('2026-12-01T14:30')).toBe('mar. 1er déc. 14 h 30');
    expect(formatShortFr('2027-06-10T09:00')).toBe('jeu. 10 juin 9 h');
    expect(formatDayShortFr('2027-09-20')).toBe('lun. 20 sept.');
  });

  it('the wall-clock time is kept on DST days', () => {
    expect(formatDateFr('2027-03-28T14:00')).toBe('dimanche 28 mars à 14 h');
    expect(formatDateFr('2026-10-25T14:00')).toBe('dimanche 25 octobre à 14 h');
  });

  it('refuses what is not a local date', () => {
    expect(() => formatDateFr('demain')).toThrow();
    expect(() => formatDayFr('2026-02-30')).toThrow();
    expect(() => formatTimeFr('2026-12-01')).toThrow();
  });
});
