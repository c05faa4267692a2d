import { SignJWT, jwtVerify, errors } from "jose";
import { z } from "zod";
import { COLLAB_LIMITS } from "~/collab/limits";
import { parseDocumentName } from "~/collab/names";

export type CollabAccess = "read-write" | "read-only";
export type CollabClaims = { userId: string; name: string; doc: string; access: CollabAccess; expiresAt: number };

const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().max(200),
  doc: z.string().refine((d) => parseDocumentName(d) !== null),
  access: z.enum(["read-write", "read-only"]),
  iat: z.number(),
  exp: z.number(),
});

const ISSUER = "coproduce";
const AUDIENCE = "coproduce-collab";

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(`collab-token:${secret}`);
}

/** Signs a token binding one user to one document with one access level, for ≤ 10 minutes. */
export async function issueCollabToken(
  secret: string,
  claims: { userId: string; name: string; doc: string; access: CollabAccess },
  ttlSeconds: number = COLLAB_LIMITS.tokenSeconds,
): Promise<string> {
  if (!parseDocumentName(claims.doc)) throw new Error(`not a document name: ${claims.doc}`);
  const ttl = Math.min(ttlSeconds, COLLAB_LIMITS.tokenSeconds);
  return new SignJWT({ name: claims.name, doc: claims.doc, access: claims.access })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttl}s`)
    .sign(key(secret));
}

export type VerifyResult = { ok: true; claims: CollabClaims } | { ok: false; reason: "expired" | "invalid" };

/** Verifies a token's signature, expiry, lifetime and shape. */
export async function verifyCollabToken(secret: string, token: string): Promise<VerifyResult> {
  if (token.length > 4096) return { ok: false, reason: "invalid" };
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
    const parsed = claimsSchema.safeParse(payload);
    if (!parsed.success || parsed.data.exp - parsed.data.iat > COLLAB_LIMITS.tokenSeconds) return { ok: false, reason: "invalid" };
    const c = parsed.data;
    return { ok: true, claims: { userId: c.sub, name: c.name, doc: c.doc, access: c.access, expiresAt: c.exp * 1000 } };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? "expired" : "invalid" };
  }
}
