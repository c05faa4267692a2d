import { routeOf } from "~/http/request-metrics.server";

describe("the route a request's duration counts under", () => {
  it("replaces ids, codes and tokens, so no id or secret reaches the metrics", () => {
    expect(routeOf("/l/cmaxyz1234567890abcd/prototypes/cmbqwe0987654321zyxw/cycles/cmc11112222333344445/feedback", 200)).toBe(
      "/l/:id/prototypes/:id/cycles/:id/feedback",
    );
    expect(routeOf("/r/s3cr3t-receipt-abcdefghijkl", 200)).toBe("/r/:code");
    expect(routeOf("/invite/tok_en-1", 200)).toBe("/invite/:code");
    expect(routeOf("/i/ABCD1234", 200)).toBe("/i/:code");
    expect(routeOf("/f/ABCD1234", 410)).toBe("/f/:code");
    expect(routeOf("/home", 200)).toBe("/home");
    expect(routeOf("/", 200)).toBe("/");
    expect(routeOf("/build/_assets/app-ABC123.css", 200)).toBe("/build/*");
  });

  it("counts anything that found no page as unmatched (scanners cannot grow the label set)", () => {
    expect(routeOf("/wp-admin/setup.php", 404)).toBe("unmatched");
    expect(routeOf("/anything", 405)).toBe("unmatched");
  });
});
