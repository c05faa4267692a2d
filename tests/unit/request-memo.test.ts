// oncePerRequest: what the session lookup uses so the root loader, the language detection and
// the route's loader of one page request share one database read — never across requests.
import { describe, expect, it } from "vitest";
import { oncePerRequest, runWithRequestId } from "~/http/request-context.server";

describe("oncePerRequest", () => {
  it("computes once per key within one request, and again in the next request", async () => {
    let reads = 0;
    const read = () => oncePerRequest("session:abc", async () => ++reads);
    const first = await runWithRequestId("r1", () => Promise.all([read(), read(), read()]));
    expect(first).toEqual([1, 1, 1]);
    const second = await runWithRequestId("r2", async () => [await read(), await read()]);
    expect(second).toEqual([2, 2]);
    expect(reads).toBe(2);
  });

  it("keeps keys apart within a request", async () => {
    const values = await runWithRequestId("r3", () => [
      oncePerRequest("a", () => "for a"),
      oncePerRequest("b", () => "for b"),
      oncePerRequest("a", () => "other"),
    ]);
    expect(values).toEqual(["for a", "for b", "for a"]);
  });

  it("computes every time outside a request (tests, jobs)", () => {
    let reads = 0;
    oncePerRequest("k", () => ++reads);
    oncePerRequest("k", () => ++reads);
    expect(reads).toBe(2);
  });
});
