import { hashAddress, redactUrl } from "~/http/request-log.server";

describe("redactUrl", () => {
  it.each([
    ["/invite/AbC123_-xyz", "/invite/[redacted]"],
    ["/invite/AbC123.data", "/invite/[redacted]"],
    ["/invite/AbC123?lng=ar", "/invite/[redacted]?lng=ar"],
    ["/r/s3cr3t-receipt?new=1&lng=en", "/r/[redacted]?new=[redacted]&lng=en"],
    ["/r/s3cr3t.data", "/r/[redacted]"],
    ["/sign-in?redirectTo=%2Finvite%2Fsecret", "/sign-in?redirectTo=[redacted]"],
    ["/collab/doc?token=eyJhbGciOi.x.y", "/collab/doc?token=[redacted]"],
    ["/l/abc/ideas?challenge=c1&status=new", "/l/abc/ideas?challenge=c1&status=new"],
    ["/l/abc/collab-token?doc=locality%3Aabc%3Aboard%3Ab1", "/l/abc/collab-token?doc=locality%3Aabc%3Aboard%3Ab1"],
    ["/x?%3Csecret%3E=1", "/x?[redacted]=[redacted]"],
    ["/x?sessionid", "/x?sessionid"],
    ["/x?a=1&&b=2", "/x?a=[redacted]&b=[redacted]"],
    ["/l/abc", "/l/abc"],
    ["", ""],
  ])("%j → %j", (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it("never lets a query value through unless its key is a plain filter", () => {
    const secret = "s3cr3t-value-0123456789";
    for (const key of ["token", "code", "t", "key", "redirectTo", "password", "_csrf", "x"]) {
      expect(redactUrl(`/anything?${key}=${secret}`)).not.toContain(secret);
      expect(redactUrl(`/anything?lng=en&${key}=${encodeURIComponent(secret)}#frag`)).not.toContain(secret);
    }
  });
});

describe("hashAddress", () => {
  it("is keyed, stable and does not contain the address", () => {
    const a = hashAddress("secret-one-0123456789abcdef0123", "203.0.113.7");
    expect(a).toBe(hashAddress("secret-one-0123456789abcdef0123", "203.0.113.7"));
    expect(a).not.toBe(hashAddress("secret-two-0123456789abcdef0123", "203.0.113.7"));
    expect(a).not.toBe(hashAddress("secret-one-0123456789abcdef0123", "203.0.113.8"));
    expect(a).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});
