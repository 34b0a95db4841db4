import type { Booking } from '../../src/booking/model';
import { allPages, pages } from '../../src/store/paging';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ ref: String(i) }) as unknown as Booking);

describe('paging over listBookings', () => {
  it('reads every page until a short one', async () => {
    const asked: Array<[number, number]> = [];
    const all = rows(25);
    const fetch = async (offset: number, limit: number) => { asked.push([offset, limit]); return { items: all.slice(offset, offset + limit) }; };
    expect((await allPages(fetch, 10)).map((b) => b.ref)).toEqual(all.map((b) => b.ref));
    expect(asked).toEqual([[0, 10], [10, 10], [20, 10]]);
  });

  it('asks once more after an exactly full last page, and stops at max', async () => {
    const all = rows(20);
    let calls = 0;
    const fetch = async (offset: number, limit: number) => { calls++; return { items: all.slice(offset, offset + limit) }; };
    expect(await allPages(fetch, 10)).toHaveLength(20);
    expect(calls).toBe(3);
    calls = 0;
    expect(await allPages(fetch, 10, 10)).toHaveLength(10);
    expect(calls).toBe(1);
    const seen: number[] = [];
    for await (const items of pages(fetch, 5)) seen.push(items.length);
    expect(seen).toEqual([5, 5, 5, 5, 0]);
  });
});
