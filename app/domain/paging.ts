/**
 * One page of a long list (a table of 2,000 ties is unreadable on a phone and slow to send):
 * the page asked for in the address (`?page=3`), numbered from 1. Anything that is not a page
 * number shows the first page; a number past the end shows the last, so an old link after
 * deletions still lands on something.
 */
export type Page<T> = {
  items: T[];
  /** This page's number (1…pages). */
  page: number;
  /** How many pages there are (at least 1, even for an empty list). */
  pages: number;
  total: number;
  /** The first and last item shown, counted from 1 (0 and 0 for an empty list). */
  from: number;
  to: number;
};

export function pageOf<T>(items: readonly T[], requested: string | null | undefined, perPage: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const asked = requested && /^\d{1,6}$/.test(requested) ? Number(requested) : 1;
  const page = Math.min(pages, Math.max(1, asked));
  const start = (page - 1) * perPage;
  const shown = items.slice(start, start + perPage);
  return { items: shown, page, pages, total: items.length, from: shown.length ? start + 1 : 0, to: start + shown.length };
}

/** The figures of a page without its items (what a page's links need). */
export type PageInfo = Omit<Page<unknown>, "items">;

export function pageInfo({ items: _items, ...info }: Page<unknown>): PageInfo {
  return info;
}
