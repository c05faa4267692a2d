import fs from "node:fs";
import path from "node:path";
import { PROVIDERS, derivePostgresSchema, readSchema, snapshotPath } from "../../prisma/scripts/schema-files";

describe("the SQLite and PostgreSQL schemas do not drift", () => {
  it("the PostgreSQL schema is exactly the one derived from the SQLite schema", () => {
    expect(readSchema("postgresql")).toBe(derivePostgresSchema(readSchema("sqlite")));
  });

  it("each migration set was generated from the current schema (run `npm run db:migration -- <name>` after a change)", () => {
    for (const provider of ["sqlite", "postgresql"] as const) {
      expect(fs.readFileSync(snapshotPath(provider), "utf8"), provider).toBe(readSchema(provider));
    }
  });

  it("both providers have the same migrations, in the same order", () => {
    const names = (dir: string) =>
      fs
        .readdirSync(dir)
        .filter((n) => fs.statSync(path.join(dir, n)).isDirectory())
        .sort();
    expect(names(PROVIDERS.postgresql.migrations)).toEqual(names(PROVIDERS.sqlite.migrations));
    expect(names(PROVIDERS.sqlite.migrations).length).toBeGreaterThan(0);
  });
});
