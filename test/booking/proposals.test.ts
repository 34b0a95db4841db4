import { loadCatalogue } from '../../src/booking/catalogue';
import type { Slot } from '../../src/booking/model';
import { findProposals, type ProposalRequest } from '../../src/booking/proposals';
import { generateSlots } from '../../src/booking/slots';
import { sitesForTopic } from '../../src/booking/nearest';
import { catalogueOf, fakeStore, site, volunteer } from './fixture';

// The person lives at P. Sites A, B, C are 1, 3 and 5 km north of P; D is 40 km away;
// E is 2 km away but in another territory (95).
const P = { lat: 47, lon: -1 };
const north = (km: number) => 47 + km / 111.2;
const WEEK = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const fixture = (extra: ReturnType<typeof volunteer>[] = []) => catalogueOf(
  [
    site('a', north(1), -1), site('b', north(3), -1), site('c', north(5), -1), site('d', north(40), -1),
    site('e', north(2), -1, { territory: '95' }),
  ],
  [
    volunteer('va', WEEK.map((d) => ['a', d, '14:00', '17:00'] as [string, string, string, string])),
    volunteer('vb', [['b', 'tuesday', '09:00', '12:00']]),
    volunteer('vc', [['c', 'wednesday', '14:00', '16:00']]),
    volunteer('vd', [['d', 'monday', '14:00', '17:00']]),
    volunteer('ve', [['e', 'monday', '09:00', '12:00']]),
    ...extra,
  ],
);
// Monday 30 November 2026, 08:00 in Paris.
const NOW = new Date('2026-11-30T07:00:00Z');
const req = (window: ProposalRequest['window'], more: Partial<ProposalRequest> = {}): ProposalRequest =>
  ({ topic: 'caf', from: P, territory: '44', homeVisit: false, window, ...more });
const ids = (slots: Slot[]) => slots.map((s) => s.id);

describe('findProposals: ordering', () => {
  it('nearest site first, then earliest, one per site while several sites qualify', async () => {
    const r = await findProposals(fixture(), fakeStore(), req({ any: true }), NOW);
    expect(r.inWindow).toBe(true);
    expect(ids(r.proposals)).toEqual(['va@2026-11-30T14:00', 'vb@2026-12-01T09:00', 'vc@2026-12-02T14:00']);
    expect(r.proposals.every((s) => s.mode === 'site')).toBe(true);
    expect(r.kmBySite).toEqual({ a: 1, b: 3, c: 5 });
  });

  it('takes the next free slot when the first ones are taken', async () => {
    const store = fakeStore(['va@2026-11-30T14:00', 'va@2026-11-30T15:00', 'vb@2026-12-01T09:00']);
    const r = await findProposals(fixture(), store, req({ any: true }), NOW);
    expect(ids(r.proposals)).toEqual(['va@2026-11-30T16:00', 'vb@2026-12-01T10:00', 'vc@2026-12-02T14:00']);
  });

  it('up to 3 at the same site when only one site qualifies', async () => {
    const r = await findProposals(fixture(), fakeStore(), req({ from: '2026-12-01T08:00', to: '2026-12-01T12:00' }), NOW);
    expect(r.inWindow).toBe(true);
    expect(ids(r.proposals)).toEqual(['vb@2026-12-01T09:00', 'vb@2026-12-01T10:00', 'vb@2026-12-01T11:00']);
  });

  it('fills up to 3 from the nearest sites when two qualify', async () => {
    const r = await findProposals(fixture(), fakeStore(), req({ from: '2026-12-01T00:00', to: '2026-12-01T23:59' }), NOW);
    expect(ids(r.proposals)).toEqual(['va@2026-12-01T14:00', 'va@2026-12-01T15:00', 'vb@2026-12-01T09:00']);
  });

  it('never proposes the same time twice at one site (two volunteers)', async () => {
    const twin = volunteer('va2', [['a', 'monday', '14:00', '17:00']]);
    const r = await findProposals(fixture([twin]), fakeStore(), req({ from: '2026-11-30T12:00', to: '2026-11-30T18:00' }), NOW);
    expect(r.proposals.map((s) => s.start)).toEqual(['2026-11-30T14:00', '2026-11-30T15:00', '2026-11-30T16:00']);
  });

  it('uses the second volunteer when the first is taken at that time', async () => {
    const twin = volunteer('va2', [['a', 'monday', '14:00', '17:00']]);
    const r = await findProposals(fixture([twin]), fakeStore(['va@2026-11-30T14:00']),
      req({ from: '2026-11-30T14:00', to: '2026-11-30T14:00' }), NOW);
    expect(ids(r.proposals)).toEqual(['va2@2026-11-30T14:00']);
  });

  it('only volunteers who cover the topic', async () => {
    const r = await findProposals(fixture([volunteer('vv', [['a', 'saturday', '09:00', '12:00']], { topics: ['visio'] })]),
      fakeStore(), req({ any: true }, { topic: 'visio' }), NOW);
    expect(ids(r.proposals)).toEqual(['vv@2026-12-05T09:00', 'vv@2026-12-05T10:00', 'vv@2026-12-05T11:00']);
  });
});

describe('findProposals: the time window', () => {
  it('every proposal starts inside the window', async () => {
    const w = { from: '2026-12-01T14:00', to: '2026-12-02T18:00' };
    const r = await findProposals(fixture(), fakeStore(), req(w), NOW);
    expect(r.inWindow).toBe(true);
    expect(ids(r.proposals)).toEqual(['va@2026-12-01T14:00', 'va@2026-12-01T15:00', 'vc@2026-12-02T14:00']);
    for (const s of r.proposals) expect(s.start >= w.from && s.start <= w.to).toBe(true);
  });

  it('daily hours over several days ("mardi ou mercredi, pas l\'après-midi") keep to those hours each day', async () => {
    const w = { from: '2026-12-01T00:00', to: '2026-12-02T23:59', hours: { from: '08:00', to: '12:00' } };
    const r = await findProposals(fixture(), fakeStore(), req(w), NOW);
    expect(r.inWindow).toBe(true);
    expect(r.proposals.length).toBeGreaterThan(0);
    for (const s of r.proposals) expect(s.start.slice(11, 16) < '12:00' && s.start >= w.from && s.start <= w.to).toBe(true);
    // Without the hours the nearest site's afternoons come first.
    const plain = await findProposals(fixture(), fakeStore(), req({ from: w.from, to: w.to }), NOW);
    expect(plain.proposals[0]!.start.slice(11, 16) >= '14:00').toBe(true);
  });

  it('an exact time matches the slot starting then', async () => {
    const r = await findProposals(fixture(), fakeStore(), req({ from: '2026-12-01T15:00', to: '2026-12-01T15:00' }), NOW);
    expect(r.inWindow).toBe(true);
    expect(ids(r.proposals)).toEqual(['va@2026-12-01T15:00']);
  });

  it('an exact time with no slot then gives the nearest in time', async () => {
    const r = await findProposals(fixture(), fakeStore(), req({ from: '2026-12-01T15:30', to: '2026-12-01T15:30' }), NOW);
    expect(r.inWindow).toBe(false);
    expect(ids(r.proposals)).toEqual(['va@2026-12-01T15:00', 'vb@2026-12-01T11:00', 'vc@2026-12-02T14:00']);
  });

  it('nothing in the window: says so and offers the closest alternatives in time, nearest sites first', async () => {
    // Saturday morning: nobody works on Saturdays.
    const r = await findProposals(fixture(), fakeStore(), req({ from: '2026-12-05T09:00', to: '2026-12-05T12:00' }), NOW);
    expect(r.inWindow).toBe(false);
    // B: Tuesday 8th 09:00 (69 h after) is nearer than Tuesday 1st 11:00 (94 h before).
    expect(ids(r.proposals)).toEqual(['va@2026-12-04T16:00', 'vb@2026-12-08T09:00', 'vc@2026-12-02T15:00']);
  });

  it('window taken everywhere: alternatives, not a far site', async () => {
    // Monday afternoon is free only at D (40 km): A is nearer and free on other days.
    const taken = ['va@2026-11-30T14:00', 'va@2026-11-30T15:00', 'va@2026-11-30T16:00'];
    const r = await findProposals(fixture(), fakeStore(taken), req({ from: '2026-11-30T14:00', to: '2026-11-30T17:00' }), NOW);
    expect(r.inWindow).toBe(false);
    expect(r.proposals.map((s) => s.siteId)).not.toContain('d');
    expect(ids(r.proposals)).toEqual(['va@2026-12-01T14:00', 'vb@2026-12-01T09:00', 'vc@2026-12-02T14:00']);
  });

  it('a past window gives the earliest slots', async () => {
    const r = await findProposals(fixture(), fakeStore(), req({ from: '2026-11-20T09:00', to: '2026-11-20T12:00' }), NOW);
    expect(r.inWindow).toBe(false);
    expect(ids(r.proposals)).toEqual(['va@2026-11-30T14:00', 'vb@2026-12-01T09:00', 'vc@2026-12-02T14:00']);
  });
});

describe('findProposals: distance', () => {
  it('a far site only when nothing nearer is free', async () => {
    const store = fakeStore((s) => s.siteId !== 'd');
    const r = await findProposals(fixture(), store, req({ any: true }), NOW);
    expect(ids(r.proposals)).toEqual(['vd@2026-11-30T14:00', 'vd@2026-11-30T15:00', 'vd@2026-11-30T16:00']);
    expect(r.kmBySite).toEqual({ d: 40 });
  });

  it('stays in the person territory', async () => {
    const monday = { from: '2026-12-07T09:00', to: '2026-12-07T12:00' };
    const inside = await findProposals(fixture(), fakeStore(), req(monday), NOW);
    expect(inside.proposals.map((s) => s.siteId)).not.toContain('e');
    const anywhere = await findProposals(fixture(), fakeStore(), req(monday, { territory: undefined }), NOW);
    expect(anywhere.proposals.map((s) => s.siteId)).toEqual(['e', 'e', 'e']);
  });

  it('nothing beyond maxKm, nothing when everything is taken', async () => {
    const lyon = await findProposals(fixture(), fakeStore(), req({ any: true }, { from: { lat: 45.76, lon: 4.84 }, territory: undefined }), NOW);
    expect(lyon).toMatchObject({ inWindow: false, proposals: [] });
    const full = await findProposals(fixture(), fakeStore(() => true), req({ any: true }), NOW);
    expect(full).toMatchObject({ inWindow: false, proposals: [] });
  });
});

describe('findProposals: home visits', () => {
  const travellers = [
    volunteer('vh', [['a', 'thursday', '09:00', '12:00']], { homeVisits: true, homeVisitRadiusKm: 10 }),
    volunteer('vfar', [['d', 'tuesday', '09:00', '12:00']], { homeVisits: true, homeVisitRadiusKm: 10 }),
  ];
  it('slots of the volunteers who come to the person, mode home, site = their site', async () => {
    const r = await findProposals(fixture(travellers), fakeStore(), req({ any: true }, { homeVisit: true }), NOW);
    expect(ids(r.proposals)).toEqual(['vh@2026-12-03T09:00', 'vh@2026-12-03T10:00', 'vh@2026-12-03T11:00']);
    expect(r.proposals.every((s) => s.mode === 'home' && s.siteId === 'a')).toBe(true);
  });

  it('a home slot and a site slot of one volunteer share their reservation id', async () => {
    const taken = ['vh@2026-12-03T09:00'];
    const r = await findProposals(fixture(travellers), fakeStore(taken), req({ any: true }, { homeVisit: true }), NOW);
    expect(r.proposals[0].id).toBe('vh@2026-12-03T10:00');
  });

  it('two travelling volunteers of one first name at the same times: proposals that read differently', async () => {
    const twins = [
      volunteer('vh1', [['a', 'thursday', '09:00', '12:00']], { homeVisits: true, homeVisitRadiusKm: 10, firstName: 'Hugo' }),
      volunteer('vh2', [['a', 'thursday', '09:00', '12:00']], { homeVisits: true, homeVisitRadiusKm: 10, firstName: 'Hugo' }),
      volunteer('vh3', [['a', 'thursday', '09:00', '12:00']], { homeVisits: true, homeVisitRadiusKm: 10, firstName: 'Hugo' }),
    ];
    const r = await findProposals(fixture(twins), fakeStore(), req({ any: true }, { homeVisit: true }), NOW);
    expect(r.proposals).toHaveLength(3);
    expect(new Set(r.proposals.map((p) => p.start)).size).toBe(3);
    // Another first name at the same time is a real choice.
    const two = [twins[0], volunteer('vl', [['a', 'thursday', '09:00', '12:00']], { homeVisits: true, homeVisitRadiusKm: 10, firstName: 'Léa' })];
    const r2 = await findProposals(fixture(two), fakeStore(), req({ any: true }, { homeVisit: true }), NOW);
    expect(r2.proposals.filter((p) => p.start === '2026-12-03T09:00').map((p) => p.volunteerId).sort()).toEqual(['vh1', 'vl']);
  });

  it('nobody travels that far: no proposals', async () => {
    const r = await findProposals(fixture(travellers), fakeStore(), req({ any: true }, { homeVisit: true, from: { lat: north(20), lon: -1 } }), NOW);
    expect(r.proposals).toEqual([]);
  });
});

describe('findProposals on the demo data: store round trips', () => {
  const c = loadCatalogue();
  const now = new Date('2026-11-24T09:00:00Z'); // Tuesday 10:00
  const NANTES = { lat: 47.2181, lon: -1.5528 };
  const cases: Array<[string, ProposalRequest]> = [
    ['any time', { topic: 'caf', from: NANTES, territory: '44', homeVisit: false, window: { any: true } }],
    ['Tuesday afternoon', { topic: 'impots', from: NANTES, territory: '44', homeVisit: false, window: { from: '2026-12-01T14:00', to: '2026-12-01T18:00' } }],
    ['Sunday (nothing)', { topic: 'caf', from: NANTES, territory: '44', homeVisit: false, window: { from: '2026-11-29T09:00', to: '2026-11-29T18:00' } }],
    ['home visit', { topic: 'caf', from: NANTES, territory: '44', homeVisit: true, window: { any: true } }],
  ];

  it.each(cases)('%s: one batched call, each id asked once', async (_name, r) => {
    const store = fakeStore();
    const res = await findProposals(c, store, r, now);
    expect(res.proposals.length).toBe(3);
    expect(store.calls.length).toBe(1);
    const asked = store.calls.flat();
    expect(new Set(asked).size).toBe(asked.length);
    // Few round trips matter more than a few more keys in one MGET.
    expect(asked.length).toBeLessThanOrEqual(100);
    expect(res.stats).toMatchObject({ takenCalls: store.calls.length, slotsChecked: asked.length });
  });

  it('a busy week stays cheap: half the slots taken', async () => {
    let i = 0;
    const busy = new Set(generateSlots(c, { now }).filter(() => i++ % 2 === 0).map((s) => s.id));
    const store = fakeStore(busy);
    const res = await findProposals(c, store, cases[1][1], now);
    expect(res.proposals.every((s) => !busy.has(s.id))).toBe(true);
    expect(store.calls.length).toBe(1);
  });

  it('the first proposal is the earliest free slot at the nearest site', async () => {
    const res = await findProposals(c, fakeStore(), cases[0][1], now);
    const nearest = sitesForTopic(c, NANTES, 'caf', '44')[0].site.id;
    const earliest = generateSlots(c, { now, siteIds: [nearest] })[0];
    expect(res.proposals[0]).toEqual(earliest);
    expect(new Set(res.proposals.map((s) => s.siteId)).size).toBe(3);
    const kms = res.proposals.map((s) => res.kmBySite[s.siteId]);
    expect([...kms].sort((a, b) => a - b)).toEqual(kms);
  });
});
