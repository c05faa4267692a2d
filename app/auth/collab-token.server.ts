import { SignJWT, jwtVerify, errors } from "jose";
import { z } from "zod";
import { COLLAB_LIMITS } from "~/collab/limits";
import { parseDocumentName } from "~/collab/names";

export type CollabAccess = "read-write" | "read-only";
export type CollabClaims = {
  userId: string;
  name: string;
  doc: string;
  access: CollabAccess;
  /** May change the parts of the document only facilitators change (a board's settings). */
  facilitate: boolean;
  issuedAt: number;
  expiresAt: number;
};

const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().max(200),
  doc: z.string().refine((d) => parseDocumentName(d) !== null),
  access: z.enum(["read-write", "read-only"]),
  facilitate: z.boolean().optional(),
  iat: z.number(),
  /** Issue time in milliseconds: a document's access can change within a second. */
  iatms: z.number().optional(),
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
  claims: { userId: string; name: string; doc: string; access: CollabAccess; facilitate?: boolean },
  ttlSeconds: number = COLLAB_LIMITS.tokenSeconds,
): Promise<string> {
  if (!parseDocumentName(claims.doc)) throw new Error(`not a document name: ${claims.doc}`);
  const ttl = Math.min(ttlSeconds, COLLAB_LIMITS.tokenSeconds);
  return new SignJWT({ name: claims.name, doc: claims.doc, access: claims.access, facilitate: claims.facilitate === true, iatms: Date.now() })
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
    return {
      ok: true,
      claims: {
        userId: c.sub,
        name: c.name,
        doc: c.doc,
        access: c.access,
        facilitate: c.facilitate === true,
        issuedAt: c.iatms ?? c.iat * 1000,
        expiresAt: c.exp * 1000,
      },
    };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? "expired" : "invalid" };
  }
}

// ---- service tokens: the app calling a collab server that runs in another process --------

const SERVICE_AUDIENCE = "coproduce-collab-internal";
export const SERVICE_OPERATIONS = ["read", "update", "reauthorize", "compact", "erase"] as const;
export type ServiceOperation = (typeof SERVICE_OPERATIONS)[number];
const SERVICE_TOKEN_SECONDS = 60;

function serviceKey(secret: string): Uint8Array {
  return new TextEncoder().encode(`collab-service:${secret}`);
}

/** A one-minute token for one operation on one document, signed with the app's secret. */
export function issueServiceToken(secret: string, claims: { doc: string; op: ServiceOperation }): Promise<string> {
  return new SignJWT({ doc: claims.doc, op: claims.op })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setAudience(SERVICE_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${SERVICE_TOKEN_SECONDS}s`)
    .sign(serviceKey(secret));
}

/** Whether a service token allows this operation on this document. */
export async function verifyServiceToken(secret: string, token: string, expected: { doc: string; op: ServiceOperation }): Promise<boolean> {
  if (token.length > 4096) return false;
  try {
    const { payload } = await jwtVerify(token, serviceKey(secret), {
      issuer: ISSUER,
      audience: SERVICE_AUDIENCE,
      algorithms: ["HS256"],
      maxTokenAge: `${SERVICE_TOKEN_SECONDS}s`,
    });
    return payload.doc === expected.doc && payload.op === expected.op;
  } catch {
    return false;
  }
}
