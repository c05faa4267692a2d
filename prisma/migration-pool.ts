// A pg Pool for the Prisma CLI only (never the app). The wasm schema engine reads catalog
// columns of type `name` (OID 19) and `char` (OID 18) which @prisma/adapter-pg cannot map
// ("Column type 'name' could not be deserialized", prisma/orm#27403). Reporting those
// columns as `text` (OID 25) is enough: their values are already strings.
import pg from "pg";

const TEXT_OID = 25;
const RELABEL = new Set([18, 19]);

type Field = { dataTypeID: number };
type Result = { fields?: Field[] } | undefined;

function relabel<T extends Result>(result: T): T {
  for (const field of result?.fields ?? []) {
    if (RELABEL.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
  return result;
}

export function createMigrationPool(connectionString: string): pg.Pool {
  // allowExitOnIdle: the CLI exits as soon as it is done instead of waiting ~10 s for idle clients.
  const pool = new pg.Pool({ connectionString, max: 2, allowExitOnIdle: true });
  pool.on("connect", (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const last = args[args.length - 1];
      if (typeof last === "function") {
        const callback = last as (err: unknown, res: Result) => void;
        return original(...args.slice(0, -1), (err: unknown, res: Result) => callback(err, relabel(res)));
      }
      const out = original(...args);
      if (out && typeof (out as Promise<Result>).then === "function") {
        return (out as Promise<Result>).then(relabel);
      }
      return out;
    };
  });
  return pool;
}
