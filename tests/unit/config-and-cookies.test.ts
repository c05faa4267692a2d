import { parseEnv } from "~/config/env.server";
import { readCookies } from "~/http/cookies.server";
import { resolveDatabaseTarget } from "~/config/database-url.server";

describe("configuration", () => {
  it("has working defaults", () => {
    const env = parseEnv({ NODE_ENV: "test" });
    expect(env.PORT).toBe(3000);
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(env.COOKIE_SECURE).toBe(false);
  });
  it("lists every bad setting with a clear message", () => {
    expect(() => parseEnv({ NODE_ENV: "test", PORT: "eighty", DATABASE_URL: "mysql://x" })).toThrowError(
      /PORT: Expected number[\s\S]*DATABASE_URL: DATABASE_URL must start with file:/,
    );
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrowError(/SESSION_SECRET: is required in production/);
    expect(() => parseEnv({ NODE_ENV: "test", SESSION_SECRET: "short" })).toThrowError(/SESSION_SECRET: must be at least 32/);
  });
  it("picks the database provider from the URL scheme", () => {
    expect(resolveDatabaseTarget(undefined).provider).toBe("sqlite");
    expect(resolveDatabaseTarget("file:./x.db").provider).toBe("sqlite");
    expect(resolveDatabaseTarget("postgres://h/db").provider).toBe("postgresql");
    expect(() => resolveDatabaseTarget("file:")).toThrow();
  });
});

describe("cookie parsing", () => {
  it("never throws on malformed headers", () => {
    expect(readCookies('a=%E0%A4%A; b=ok; =x; junk; c="quoted"')).toEqual(
      new Map([
        ["b", "ok"],
        ["c", "quoted"],
      ]),
    );
    expect(readCookies(null).size).toBe(0);
  });
});
