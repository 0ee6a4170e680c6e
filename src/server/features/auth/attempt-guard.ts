import { createHash } from 'node:crypto';
import { addMinutes, type Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import {
  clearThrottle,
  countAttempt,
  findThrottle,
  lockThrottle,
  uncountAttempt,
} from './throttles.repository.js';

type Limit = { key: string; max: number; code: 'account_locked' | 'rate_limited' };

/** Wrong invitation codes from one address before it must wait (codes have 60 bits; this is belt and braces). */
const maxCodeFailuresPerIp = 10;

export type AttemptGuard = ReturnType<typeof createAttemptGuard>;

/**
 * Guessing limits for passwords, second-factor codes and invitation codes, per account and per
 * address, shared by every server through the database. An attempt is counted *before* the
 * expensive or secret check and taken back only if it succeeds, so a burst of concurrent guesses
 * cannot slip past a limit while the first ones are still being checked.
 */
export function createAttemptGuard(deps: { db: Database; clock: Clock; config: Pick<Config, 'login'> }) {
  const { db, clock, config } = deps;
  const window = config.login.lockoutMinutes;

  // The keys never hold the e-mail itself: the table is not a list of who tried to log in.
  const accountLimit = (email: string): Limit => ({
    key: `account:${createHash('sha256').update(email).digest('hex')}`,
    max: config.login.maxFailures,
    code: 'account_locked',
  });
  const addressLimit = (ip: string): Limit => ({
    key: `ip:${ip}`,
    max: config.login.ipMaxFailures,
    code: 'rate_limited',
  });
  const codeLimit = (ip: string): Limit => ({
    key: `invitation-ip:${ip}`,
    max: maxCodeFailuresPerIp,
    code: 'rate_limited',
  });

  function refusal(limit: Limit, until: Date): AppError {
    const seconds = Math.max(1, Math.ceil((until.getTime() - clock.now().getTime()) / 1000));
    return new AppError(
      limit.code,
      'Too many failed attempts; try again later',
      { retryAfterSeconds: seconds },
      {
        retryAfterSeconds: seconds,
      },
    );
  }

  /** Counts the attempt under each limit, or refuses it when one is locked or used up. */
  async function take(limits: Limit[]): Promise<void> {
    const now = clock.now();
    const refused = await db.system(async (tx) => {
      for (const limit of limits) {
        const { attempts, lockedUntil } = await countAttempt(tx, limit.key, now, window);
        if (lockedUntil && lockedUntil > now) {
          await uncountAttempt(tx, limit.key);
          return refusal(limit, lockedUntil);
        }
        if (attempts > limit.max) {
          await uncountAttempt(tx, limit.key);
          const until = addMinutes(now, window);
          await lockThrottle(tx, limit.key, until);
          return refusal(limit, until);
        }
      }
      return null;
    });
    if (refused) {
      throw refused;
    }
  }

  /** The check failed: the attempt stays counted; a limit reached now locks. Returns the locked ones. */
  async function failed(limits: Limit[]): Promise<Limit[]> {
    const now = clock.now();
    return db.system(async (tx) => {
      const locked: Limit[] = [];
      for (const limit of limits) {
        const row = await findThrottle(tx, limit.key);
        if (row && row.failures >= limit.max) {
          await lockThrottle(tx, limit.key, addMinutes(now, window));
          locked.push(limit);
        }
      }
      return locked;
    });
  }

  /** The check succeeded: the attempt is given back. */
  async function succeeded(limits: Limit[]): Promise<void> {
    await db.system(async (tx) => {
      for (const limit of limits) {
        await uncountAttempt(tx, limit.key);
      }
    });
  }

  return {
    /** Before a password or a second-factor code of this account, from this address. */
    take: (email: string, ip: string) => take([accountLimit(email), addressLimit(ip)]),
    async failed(email: string, ip: string): Promise<{ isAccountLocked: boolean }> {
      const locked = await failed([accountLimit(email), addressLimit(ip)]);
      return { isAccountLocked: locked.some((limit) => limit.code === 'account_locked') };
    },
    succeeded: (email: string, ip: string) => succeeded([accountLimit(email), addressLimit(ip)]),

    /** A complete login (password and second factor) forgets the account's past failures. */
    async clearAccount(email: string): Promise<void> {
      await db.system((tx) => clearThrottle(tx, accountLimit(email).key));
    },

    /** Before an invitation code from this address. */
    takeCode: (ip: string) => take([codeLimit(ip)]),
    codeFailed: async (ip: string) => {
      await failed([codeLimit(ip)]);
    },
    codeSucceeded: (ip: string) => succeeded([codeLimit(ip)]),
  };
}
