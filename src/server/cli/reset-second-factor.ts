import { parseArgs } from 'node:util';
import { normalizeEmail } from '../../shared/identifiers.js';
import { createAuditService } from '../features/audit/audit.service.js';
import { resetSecondFactors } from '../features/auth/second-factors.repository.js';
import { recordForPerson } from '../features/auth/person-audit.js';
import { revokeUserSessions } from '../features/auth/sessions.repository.js';
import { findUserByEmail } from '../features/auth/users.repository.js';
import type { Platform } from '../platform.js';

/** For a person who lost both their phone and their recovery codes, after the agency checked who they are. */
export async function runResetSecondFactor(platform: Platform, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
  if (!values.email) {
    console.error('user reset-second-factor needs --email');
    return 2;
  }
  const email = normalizeEmail(values.email);
  const audit = createAuditService({ clock: platform.clock, db: platform.db });
  const done = await platform.db.system(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) {
      return false;
    }
    const now = platform.clock.now();
    await resetSecondFactors(tx, user.id);
    await revokeUserSessions(tx, user.id, 'second_factor_reset', now);
    await recordForPerson(tx, audit, user.id, {
      actor: null,
      event: 'auth.second_factor_removed',
      target: { type: 'user', id: user.id },
      details: { by: 'cli', scope: 'all' },
    });
    return true;
  });
  if (!done) {
    console.error(`No user with the e-mail ${email}.`);
    return 1;
  }
  console.log(
    `Second factors of ${email} removed and sessions ended; they enrol a new one at the next login.`,
  );
  return 0;
}
