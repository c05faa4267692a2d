import { hash, verify } from "@node-rs/argon2";

// argon2id (the library's default algorithm) with OWASP's minimum: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS);
}

export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(passwordHash, plain);
  } catch {
    return false;
  }
}

// Verifying against this when no account matches keeps sign-in time the same either way,
// so response time does not reveal which emails have accounts.
let dummy: Promise<string> | undefined;
export async function verifyAgainstDummy(plain: string): Promise<false> {
  dummy ??= hashPassword("not-a-real-password-for-timing");
  await verifyPassword(await dummy, plain);
  return false;
}
