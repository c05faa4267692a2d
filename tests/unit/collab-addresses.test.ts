// Several collaboration addresses: the settings take comma-separated lists (each checked), pages
// are handed every address in an order that turns per request, and a browser tells a server that
// is not there from one that answered.
import { parseEnv } from "~/config/env.server";
import { collabSocketUrls } from "~/collab/collab-addresses.server";
import { keepCurrent, rotate, serverUnreachable } from "~/collab/failover";

describe("collaboration addresses", () => {
  it("COLLAB_PUBLIC_URL and COLLAB_INTERNAL_URL take one address or a comma-separated list, each checked", () => {
    const env = parseEnv({
      NODE_ENV: "test",
      COLLAB_PUBLIC_URL: " wss://c1.example.org/collab , wss://c2.example.org/collab",
      COLLAB_INTERNAL_URL: "http://10.0.0.5:3002",
    });
    expect(env.COLLAB_PUBLIC_URL).toEqual(["wss://c1.example.org/collab", "wss://c2.example.org/collab"]);
    expect(env.COLLAB_INTERNAL_URL).toEqual(["http://10.0.0.5:3002"]);
    expect(parseEnv({ NODE_ENV: "test", COLLAB_PUBLIC_URL: "" }).COLLAB_PUBLIC_URL).toBeUndefined();
    expect(() => parseEnv({ NODE_ENV: "test", COLLAB_PUBLIC_URL: "wss://c1.example.org/collab,https://c2.example.org/collab" })).toThrowError(
      /COLLAB_PUBLIC_URL\.1: each address must be a ws:\/\/ or wss:\/\/ URL/,
    );
    expect(() => parseEnv({ NODE_ENV: "test", COLLAB_INTERNAL_URL: "http://10.0.0.5:3002,10.0.0.6:3002" })).toThrowError(
      /COLLAB_INTERNAL_URL\.1: each address must be an http:\/\/ or https:\/\/ URL/,
    );
  });

  it("hands every address to each page, starting at a different one per request", () => {
    const configured = ["ws://a/collab", "ws://b/collab", "ws://c/collab"];
    const firsts = Array.from({ length: 6 }, () => collabSocketUrls(configured, new URL("https://app.example.org/l/x/collab-token")));
    for (const urls of firsts) expect([...urls].sort()).toEqual(configured);
    expect(new Set(firsts.map((u) => u[0])).size).toBe(3);
    expect(firsts[0]).toEqual(rotate(configured, configured.indexOf(firsts[0]![0]!)));
    // Unset: this server's own /collab, on the scheme the page came by.
    expect(collabSocketUrls(undefined, new URL("https://app.example.org/l/x/collab-token"))).toEqual(["wss://app.example.org/collab"]);
    expect(collabSocketUrls(undefined, new URL("http://localhost:3000/l/x/collab-token"))).toEqual(["ws://localhost:3000/collab"]);
  });

  it("moves on from a server that is not there, not from one that answered", () => {
    expect(rotate([1, 2, 3], 1)).toEqual([2, 3, 1]);
    expect(rotate([1, 2, 3], -1)).toEqual([3, 1, 2]);
    expect(serverUnreachable({ opened: false, code: 1006 })).toBe(true); // refused or unreachable
    expect(serverUnreachable({ opened: true, code: 1006 })).toBe(true); // died under us
    expect(serverUnreachable({ opened: true, code: 1012 })).toBe(true); // restarting
    expect(serverUnreachable({ opened: true, code: null })).toBe(true); // nothing heard for too long
    expect(serverUnreachable({ opened: true, code: 4004 })).toBe(false); // token expired: a working server
    expect(serverUnreachable({ opened: true, code: 4403 })).toBe(false);
    expect(serverUnreachable({ opened: true, code: 1000 })).toBe(false);
    // A new token's list keeps the address in use.
    expect(keepCurrent(["ws://b", "ws://a"], "ws://a")).toEqual({ list: ["ws://b", "ws://a"], index: 1 });
    expect(keepCurrent(["ws://b", "ws://a"], "ws://gone")).toEqual({ list: ["ws://b", "ws://a"], index: 0 });
  });
});
