// One page of a long list (app/domain/paging.ts).
import { pageInfo, pageOf } from "~/domain/paging";

const list = Array.from({ length: 250 }, (_, i) => i + 1);

it("gives the page asked for, numbered from 1, with its place in the list", () => {
  expect(pageOf(list, "2", 100)).toMatchObject({ page: 2, pages: 3, total: 250, from: 101, to: 200 });
  expect(pageOf(list, "2", 100).items).toEqual(list.slice(100, 200));
  const last = pageOf(list, "3", 100);
  expect(last.items).toEqual(list.slice(200));
  expect(pageInfo(last)).toEqual({ page: 3, pages: 3, total: 250, from: 201, to: 250 });
});

it("shows the last page for a number past the end, the first for anything else", () => {
  expect(pageOf(list, "40", 100).page).toBe(3);
  expect(pageOf(list, "999999999999", 100).page).toBe(1);
  for (const asked of [null, undefined, "", "0", "-2", "1.5", "2e1", " 2", "abc", "٢"]) expect(pageOf(list, asked, 100).page, String(asked)).toBe(1);
});

it("has one empty page for an empty list", () => {
  expect(pageOf([], "3", 100)).toEqual({ items: [], page: 1, pages: 1, total: 0, from: 0, to: 0 });
});
