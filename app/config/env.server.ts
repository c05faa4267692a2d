import crypto from "node:crypto";
import { z } from "zod";
import { resolveDatabaseTarget } from "~/config/database-url.server";

const booleanish = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");

/** A comma-separated list of addresses (unset or empty: undefined), each checked against `pattern`. */
function urlList(pattern: RegExp, message: string) {
  return z
    .string()
    .optional()
    .transform((s) =>
      (s ?? "")
        .split(",")
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(pattern, message).url(message)))
    .transform((list) => (list.length ? list : undefined));
}

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    DATABASE_URL: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        try {
          resolveDatabaseTarget(value);
        } catch (error) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
        }
      }),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** Extra origins allowed to POST (comma separated), besides the request's own host. */
    ALLOWED_ORIGINS: z
      .string()
      .default("")
      .transform((s) =>
        s
          .split(",")
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().url("each entry must be an origin such as https://coproduce.example.org"))),
    TRUST_PROXY: booleanish.default("false"),
    SESSION_IDLE_HOURS: z.coerce.number().positive().default(72),
    SESSION_ABSOLUTE_DAYS: z.coerce.number().positive().default(14),
    SEED_DEMO: booleanish.default("true"),
    /** Secure, `__Host-` cookies. On by default in production; turn off only for plain-HTTP testing on a LAN. */
    COOKIE_SECURE: booleanish.optional(),
    /** Each answer says its database time and query count in a `Server-Timing` header (app/http/database-work.server.ts). */
    SERVER_TIMING: booleanish.default("false"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_000_000),
    /** The body limit for the routes that take files (a story's photos, a story's text imported from .txt/.md/.docx). */
    MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(12_000_000),
    /** Redis for sharing collaboration rooms between instances (fan-out); unset: one instance. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /**
     * Where browsers reach the collab servers when they run standalone (default: this server's
     * /collab): one ws:// or wss:// address, or several separated by commas. Each page is given
     * every address, in an order that turns per request (spreading the load); a browser moves
     * to the next address when the one it uses cannot be reached.
     */
    COLLAB_PUBLIC_URL: urlList(/^wss?:\/\/[^\s,]+$/, "each address must be a ws:// or wss:// URL"),
    /**
     * Where this app reaches standalone collab servers' internal ports for server-side edits
     * (default: in-process): one http:// or https:// address, or several separated by commas,
     * tried in turn when one cannot be reached.
     */
    COLLAB_INTERNAL_URL: urlList(/^https?:\/\/[^\s,]+$/, "each address must be an http:// or https:// URL"),
    /**
     * A second listener for what only our own machines may call: `/metrics` and the collab
     * server's internal API. Unset on the web server: the internal API is not served at all and
     * `/metrics` only with METRICS_TOKEN. `npm run collab` uses 3002 when unset.
     */
    INTERNAL_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Where the internal listener binds: loopback by default, or a private address. */
    INTERNAL_HOST: z.string().min(1).default("127.0.0.1"),
    /** `GET /metrics` on the public port answers only `Authorization: Bearer <METRICS_TOKEN>`. */
    METRICS_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
    /** Ideas one phone (its device cookie) may send through challenge links per hour; over it: 429. */
    IDEA_LIMIT_PER_DEVICE: z.coerce.number().int().positive().default(10),
    /** Ideas one client address may send per hour (generous: a children's centre's wifi is one address for many parents). */
    IDEA_LIMIT_PER_ADDRESS: z.coerce.number().int().positive().default(60),
    /** Days a phone contributor's name and contact are kept after their challenge closes; a daily job then deletes them. */
    CONTACT_RETENTION_DAYS: z.coerce
      .number({ invalid_type_error: "must be a whole number of days" })
      .int("must be a whole number of days")
      .min(1)
      .max(3650)
      .default(90),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["SESSION_SECRET"], message: "is required in production" });
    }
  });

export type Env = Omit<z.infer<typeof schema>, "COOKIE_SECURE"> & { SESSION_SECRET: string; COOKIE_SECURE: boolean };

/** Validates configuration; throws an Error listing every bad setting. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "config"}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  // Outside production a missing secret only means sessions' CSRF tokens change at restart.
  return {
    ...result.data,
    SESSION_SECRET: result.data.SESSION_SECRET ?? crypto.randomBytes(32).toString("hex"),
    COOKIE_SECURE: result.data.COOKIE_SECURE ?? result.data.NODE_ENV === "production",
  };
}

let cached: Env | undefined;
/** The validated configuration of this process (parsed once). */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
