import { easterSunday, holidayOf, isPublicHoliday, publicHolidays } from '../../src/booking/holidays';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('French public holidays', () => {
  it.each([
    ['2026-11-11', 'armistice'],
    ['2026-12-25', 'noel'],
    ['2027-01-01', 'jour-de-l-an'],
    ['2027-03-29', 'lundi-de-paques'],
    ['2027-05-01', 'fete-du-travail'],
    ['2027-05-06', 'ascension'],
    ['2027-05-08', 'victoire-1945'],
    ['2027-05-17', 'lundi-de-pentecote'],
    ['2027-07-14', 'fete-nationale'],
    ['2027-08-15', 'assomption'],
    ['2027-11-01', 'toussaint'],
  ])('%s is %s', (date, id) => {
    expect(isPublicHoliday(date)).toBe(true);
    expect(holidayOf(date)).toBe(id);
  });

  it.each(['2026-12-24', '2026-12-26', '2027-03-28', '2027-03-30', '2027-05-05', '2027-05-16', '2027-04-02'])(
    '%s is a working day (no Alsace-Moselle extras, Easter Sunday is a Sunday anyway)', (date) => {
      expect(isPublicHoliday(date)).toBe(false);
    },
  );

  it('accepts a LocalDateTime', () => {
    expect(isPublicHoliday('2027-07-14T14:00')).toBe(true);
  });

  it('knows Easter for years with known dates', () => {
    const known: Record<number, string> = {
      2024: '2024-03-31', 2025: '2025-04-20', 2026: '2026-04-05', 2027: '2027-03-28',
      2028: '2028-04-16', 2038: '2038-04-25', 2285: '2285-03-22',
    };
    for (const [year, date] of Object.entries(known)) expect(iso(easterSunday(Number(year)))).toBe(date);
  });

  it('has 11 holidays every year', () => {
    for (let y = 2020; y <= 2040; y++) expect(publicHolidays(y).size).toBe(11);
  });

  it('refuses a malformed date', () => {
    expect(() => isPublicHoliday('25/12/2026')).toThrow();
  });
});
