import { DrizzleQueryError } from 'drizzle-orm/errors';

/**
 * The name of the unique constraint a failed statement violated, or null. Drizzle wraps driver
 * errors, and node-postgres and PGlite report the constraint the same way underneath.
 */
export function violatedUniqueConstraint(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (candidate.code === '23505') {
      return typeof candidate.constraint === 'string' ? candidate.constraint : '';
    }
    current = candidate.cause;
  }
  return null;
}

/**
 * Drizzle's error message carries the query and its parameters (names, e-mails, PESEL numbers,
 * hashes): logs get only the driver's own message and SQLSTATE.
 */
export function describeDatabaseError(error: unknown): { message: string; sqlState?: string } | null {
  if (!(error instanceof DrizzleQueryError)) {
    return null;
  }
  const cause = error.cause as { message?: unknown; code?: unknown } | undefined;
  return {
    message: typeof cause?.message === 'string' ? cause.message : 'database error',
    ...(typeof cause?.code === 'string' ? { sqlState: cause.code } : {}),
  };
}
