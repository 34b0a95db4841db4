import { generateSlots, localToEpoch, slotDurationMinutes, epochToLocal } from '../../src/booking/slots';
import { loadCatalogue } from '../../src/booking/catalogue';
import { isPublicHoliday } from '../../src/booking/holidays';
import { catalogueOf, site, volunteer } from './fixture';

const EVERY_DAY = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
// One volunteer at one site every afternoon, 45-minute slots.
const daily = catalogueOf(
  [site('a', 47.2, -1.55, { slotMinutes: 45 })],
  [volunteer('v1', EVERY_DAY.map((d) => ['a', d, '14:00', '17:00'] as [string, string, string, string]))],
);

const startsOn = (slots: { start: string }[], date: string) => slots.filter((s) => s.start.startsWith(date)).map((s) => s.start.slice(11));

describe('generateSlots', () => {
  it('cuts the window into whole slots', () => {
    const slots = generateSlots(daily, { now: new Date('2026-11-30T08:00:00Z'), horizonDays: 2 });
    expect(startsOn(slots, '2026-12-01')).toEqual(['14:00', '14:45', '15:30', '16:15']);
    const first = slots.find((s) => s.start === '2026-12-01T16:15');
    expect(first).toEqual({
      id: 'v1@2026-12-01T16:15', volunteerId: 'v1', siteId: 'a', territory: '44',
      start: '2026-12-01T16:15', end: '2026-12-01T17:00', startsAt: Date.parse('2026-12-01T15:15:00Z'), mode: 'site',
    });
  });

  it('keeps 14:00 local across the spring change (2027-03-28), with the right UTC instant', () => {
    const slots = generateSlots(daily, { now: new Date('2027-03-26T08:00:00Z'), horizonDays: 5 });
    const at14 = (date: string) => slots.find((s) => s.start === `${date}T14:00`);
    expect(at14('2027-03-27')?.startsAt).toBe(Date.parse('2027-03-27T13:00:00Z')); // CET, UTC+1
    expect(at14('2027-03-28')?.startsAt).toBe(Date.parse('2027-03-28T12:00:00Z')); // CEST, UTC+2
    expect(at14('2027-03-30')?.startsAt).toBe(Date.parse('2027-03-30T12:00:00Z'));
    for (const s of slots) {
      expect(slotDurationMinutes(s)).toBe(45);
      expect(epochToLocal(s.startsAt)).toBe(s.start);
    }
    // Easter Monday: nothing.
    expect(startsOn(slots, '2027-03-29')).toEqual([]);
    expect(startsOn(slots, '2027-03-28')).toEqual(['14:00', '14:45', '15:30', '16:15']);
  });

  it('keeps 14:00 local across the autumn change (2026-10-25)', () => {
    const slots = generateSlots(daily, { now: new Date('2026-10-23T08:00:00Z'), horizonDays: 4 });
    const at14 = (date: string) => slots.find((s) => s.start === `${date}T14:00`)?.startsAt;
    expect(at14('2026-10-24')).toBe(Date.parse('2026-10-24T12:00:00Z')); // CEST
    expect(at14('2026-10-25')).toBe(Date.parse('2026-10-25T13:00:00Z')); // CET
    expect(at14('2026-10-26')).toBe(Date.parse('2026-10-26T13:00:00Z'));
    for (const s of slots) expect(slotDurationMinutes(s)).toBe(45);
  });

  it('skips a time that does not exist (02:30 on 2027-03-28) and keeps real durations around it', () => {
    const night = catalogueOf([site('a', 47.2, -1.55, { slotMinutes: 60 })], [volunteer('v1', [['a', 'sunday', '01:00', '04:00']])]);
    const slots = generateSlots(night, { now: new Date('2027-03-27T08:00:00Z'), horizonDays: 2, minNoticeMinutes: 0 });
    expect(slots.map((s) => s.start)).toEqual(['2027-03-28T01:00', '2027-03-28T03:00']);
    expect(slots[1].startsAt).toBe(Date.parse('2027-03-28T01:00:00Z'));
    expect(localToEpoch('2027-03-28T02:30')).toBeNull();
  });

  it('never on public holidays', () => {
    const slots = generateSlots(daily, { now: new Date('2026-11-01T08:00:00Z'), horizonDays: 70 });
    const dates = new Set(slots.map((s) => s.start.slice(0, 10)));
    for (const d of ['2026-11-11', '2026-12-25', '2027-01-01']) expect(dates.has(d)).toBe(false);
    expect(dates.has('2026-11-10')).toBe(true);
    expect([...dates].some(isPublicHoliday)).toBe(false);
    const spring = generateSlots(daily, { now: new Date('2027-03-20T08:00:00Z'), horizonDays: 120 });
    const springDates = new Set(spring.map((s) => s.start.slice(0, 10)));
    for (const d of ['2027-03-29', '2027-05-06', '2027-05-17', '2027-07-14', '2027-05-01', '2027-05-08']) expect(springDates.has(d)).toBe(false);
    expect(springDates.has('2027-05-07')).toBe(true);
  });

  it('respects the minimum notice (default 2 h) and never gives the past', () => {
    // 12:30 local (11:30Z): 14:00 is 1 h 30 away, 14:45 is 2 h 15 away.
    const now = new Date('2026-12-01T11:30:00Z');
    expect(startsOn(generateSlots(daily, { now, horizonDays: 1 }), '2026-12-01')).toEqual(['14:45', '15:30', '16:15']);
    expect(startsOn(generateSlots(daily, { now, horizonDays: 1, minNoticeMinutes: 60 }), '2026-12-01')).toEqual(['14:00', '14:45', '15:30', '16:15']);
    const late = new Date('2026-12-01T15:00:00Z'); // 16:00 local
    expect(startsOn(generateSlots(daily, { now: late, horizonDays: 1, minNoticeMinutes: 0 }), '2026-12-01')).toEqual(['16:15']);
    for (const s of generateSlots(daily, { now })) expect(s.startsAt).toBeGreaterThanOrEqual(now.getTime() + 120 * 60_000);
  });

  it('stops at the horizon (default 28 days)', () => {
    const now = new Date('2026-12-01T09:00:00Z'); // 10:00 local
    const slots = generateSlots(daily, { now });
    const last = slots[slots.length - 1];
    expect(last.start).toBe('2026-12-28T16:15');
    expect(slots.every((s) => s.startsAt <= Date.parse('2026-12-29T09:00:00Z'))).toBe(true);
    expect(generateSlots(daily, { now, horizonDays: 7 }).at(-1)?.start).toBe('2026-12-07T16:15');
  });

  it('is sorted by time and filters by volunteer and site', () => {
    const c = loadCatalogue();
    const now = new Date('2026-11-24T09:00:00Z');
    const all = generateSlots(c, { now });
    for (let i = 1; i < all.length; i++) expect(all[i].startsAt).toBeGreaterThanOrEqual(all[i - 1].startsAt);
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    const some = generateSlots(c, { now, volunteerIds: ['vol-01', 'vol-02'], siteIds: ['nantes-mediatheque-centre-ville'] });
    expect(new Set(some.map((s) => s.volunteerId))).toEqual(new Set(['vol-01', 'vol-02']));
    // vol-01: Mondays and Wednesdays 14:00-17:00 with 45-minute slots.
    expect(some.filter((s) => s.start.startsWith('2026-11-25')).map((s) => s.id))
      .toEqual(['vol-01@2026-11-25T14:00', 'vol-01@2026-11-25T14:45', 'vol-01@2026-11-25T15:30', 'vol-01@2026-11-25T16:15']);
    expect(generateSlots(c, { now, siteIds: ['pornic-ccas'] }).every((s) => s.siteId === 'pornic-ccas')).toBe(true);
  });
});
