// How every command reads its arguments (node:util's parseArgs, strict): `--help` prints the
// command's usage and exits 0; an option it does not take, a missing value or the wrong number
// of files prints why, then the usage, and exits 2 — never a stack trace.
import { parseArgs } from "node:util";

type Options = Record<string, { type: "string" | "boolean" }>;
type Values<O extends Options> = { [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : string };

/** Files (positional arguments) a command takes: how many, and what to say when it gets another number. */
type Files = { count: 0 } | { count: 1; missing: string; tooMany: string };

export function readArguments<O extends Options>(usage: string, options: O, files: Files = { count: 0 }): { values: Values<O>; files: string[] } {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ options: { ...options, help: { type: "boolean" } }, allowPositionals: files.count > 0, strict: true });
  } catch (error) {
    return refuseArguments(usage, (error as Error).message);
  }
  if (parsed.values.help) {
    console.log(usage);
    process.exit(0);
  }
  if (files.count === 1 && parsed.positionals.length !== 1) refuseArguments(usage, parsed.positionals.length === 0 ? files.missing : files.tooMany);
  return { values: parsed.values as Values<O>, files: parsed.positionals };
}

/** Stops the command over a bad argument: the reason, the usage, exit code 2. */
export function refuseArguments(usage: string, reason: string): never {
  console.error(`${reason}\n\n${usage}`);
  process.exit(2);
}
