import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Keyring } from '../../crypto/keys.js';
import type { Database, Tx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ClientInfo, SessionService } from '../auth/sessions.service.js';
import { newOpaqueToken } from '../auth/tokens.js';
import {
  consumeSetupToken,
  countAgencies,
  insertSetupToken,
  isSetupTokenUnused,
} from './agencies.repository.js';
import { checkAgencyInput, insertAgencyWithOwner, type NewAgencyInput } from './provisioning.js';

export type SetupInput = NewAgencyInput & { token: string };

export type SetupService = ReturnType<typeof createSetupService>;

/**
 * The first agency is created through a one-time link printed on the server console; nobody who
 * cannot read that console can claim an empty installation.
 */
export function createSetupService(deps: {
  db: Database;
  keyring: Pick<Keyring, 'mac' | 'newKey' | 'wrapAgencyKey' | 'masterKeyId'>;
  clock: Clock;
  audit: AuditService;
  sessions: SessionService;
}) {
  const { db, keyring, clock } = deps;

  return {
    async isSetupRequired(): Promise<boolean> {
      return (await db.system((tx) => countAgencies(tx))) === 0;
    },

    /** At start, while no agency exists: a new token (older ones stop working), or null. */
    async issueSetupToken(): Promise<string | null> {
      return db.system(async (tx) => {
        if ((await countAgencies(tx)) > 0) {
          return null;
        }
        const token = newOpaqueToken();
        await insertSetupToken(tx, randomUUID(), keyring.mac('setup-token', token), clock.now());
        return token;
      });
    },

    async setup(input: SetupInput, client: ClientInfo): Promise<string> {
      const tokenHash = keyring.mac('setup-token', input.token);
      const refusal = async (tx: Tx) =>
        (await countAgencies(tx)) > 0
          ? new AppError('setup_already_done', 'Sejf is already set up')
          : new AppError(
              'setup_token_invalid',
              'This setup link is not valid; use the latest one from the server console',
            );
      // A cheap look before the expensive password hashing, so that a request without the token
      // cannot make the server do that work; the token is consumed, under a lock, only afterwards.
      await db.system(async (tx) => {
        if (!(await isSetupTokenUnused(tx, tokenHash))) {
          throw await refusal(tx);
        }
      });
      const checked = await checkAgencyInput(input);
      return db.system(async (tx) => {
        if (!(await consumeSetupToken(tx, tokenHash, clock.now()))) {
          throw await refusal(tx);
        }
        if ((await countAgencies(tx)) > 0) {
          throw new AppError('setup_already_done', 'Sejf is already set up');
        }
        const { agencyId, userId } = await insertAgencyWithOwner(tx, deps, checked, client.ip);
        return deps.sessions.create(tx, { userId, agencyId, client });
      });
    },
  };
}
