// Reading a whole listing through BookingsPort.list, one page at a time: the loop written once.
import type { Booking } from '../booking/model';

export type FetchPage = (offset: number, limit: number) => Promise<{ items: Booking[] }>;

/** Every page in order, until a short page (or `max` items: a guard, never reached in practice). */
export async function* pages(fetch: FetchPage, pageSize = 1000, max = Infinity): AsyncGenerator<Booking[]> {
  let seen = 0;
  for (let offset = 0; ; offset += pageSize) {
    const page = await fetch(offset, pageSize);
    yield page.items;
    seen += page.items.length;
    if (page.items.length < pageSize || seen >= max) return;
  }
}

/** Every item of every page. */
export async function allPages(fetch: FetchPage, pageSize = 1000, max = Infinity): Promise<Booking[]> {
  const out: Booking[] = [];
  for await (const items of pages(fetch, pageSize, max)) out.push(...items);
  return out;
}
