/** Whether a Prisma error is a unique-constraint violation (P2002), on either database. */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: string } | null)?.code === "P2002";
