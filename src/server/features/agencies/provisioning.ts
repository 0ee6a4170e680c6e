import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Keyring } from '../../crypto/keys.js';
import type { Tx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Platform } from '../../platform.js';
import { requireEmail, requireNip, requireRegon } from '../../validation.js';
import { createAuditService, type AuditService } from '../audit/audit.service.js';
import { assertAcceptablePassword } from '../auth/password-policy.js';
import { hashPassword } from '../auth/passwords.js';
import { findUserByEmail, insertUser } from '../auth/users.repository.js';
import { defaultInsurerNames } from '../../../shared/api/insurers.js';
import { insertInsurers } from '../insurers/insurers.repository.js';
import { insertAgency, insertMembership } from './agencies.repository.js';

export type NewAgencyInput = {
  agency: { name: string; nip: string; regon?: string | undefined };
  owner: { fullName: string; email: string; password: string };
  locale: 'pl' | 'en';
};

export type CheckedAgencyInput = {
  name: string;
  nip: string;
  regon: string | null;
  owner: { fullName: string; email: string; passwordHash: string };
  locale: 'pl' | 'en';
};

/** Validation and password hashing happen before any transaction (argon2 is slow on purpose). */
export async function checkAgencyInput(input: NewAgencyInput): Promise<CheckedAgencyInput> {
  const nip = requireNip(input.agency.nip, 'agency.nip');
  const regon = input.agency.regon ? requireRegon(input.agency.regon, 'agency.regon') : null;
  const email = requireEmail(input.owner.email, 'owner.email');
  assertAcceptablePassword(input.owner.password, [email, input.owner.fullName, input.agency.name]);
  return {
    name: input.agency.name.trim(),
    nip,
    regon,
    owner: {
      fullName: input.owner.fullName.trim(),
      email,
      passwordHash: await hashPassword(input.owner.password),
    },
    locale: input.locale,
  };
}

/** Creates an agency with its own key and its owner's account; returns both ids. */
export async function insertAgencyWithOwner(
  tx: Tx,
  deps: {
    keyring: Pick<Keyring, 'newKey' | 'wrapAgencyKey' | 'masterKeyId'>;
    clock: Clock;
    audit: AuditService;
  },
  input: CheckedAgencyInput,
  ip: string | null,
): Promise<{ agencyId: string; userId: string }> {
  if (await findUserByEmail(tx, input.owner.email)) {
    throw new AppError('email_taken', 'This e-mail already has an account');
  }
  const now = deps.clock.now();
  const agencyId = randomUUID();
  const userId = randomUUID();
  await insertAgency(tx, {
    id: agencyId,
    name: input.name,
    nip: input.nip,
    regon: input.regon,
    wrappedKey: deps.keyring.wrapAgencyKey(agencyId, deps.keyring.newKey()),
    masterKeyId: deps.keyring.masterKeyId,
    createdAt: now,
  });
  await insertUser(tx, {
    id: userId,
    email: input.owner.email,
    fullName: input.owner.fullName,
    passwordHash: input.owner.passwordHash,
    passwordChangedAt: now,
    locale: input.locale,
    createdAt: now,
  });
  await insertMembership(tx, { id: randomUUID(), agencyId, userId, role: 'owner', createdAt: now });
  await insertInsurers(
    tx,
    defaultInsurerNames.map((name) => ({ id: randomUUID(), agencyId, name, createdAt: now })),
  );
  await deps.audit.record(tx, {
    agencyId,
    actor: { userId, name: input.owner.fullName },
    event: 'agency.created',
    target: { type: 'agency', id: agencyId },
    ip,
  });
  return { agencyId, userId };
}

/** `sejf agency create`: another agency in the same installation (the setup link makes only the first). */
export async function createAgencyWithOwner(
  platform: Pick<Platform, 'db' | 'keyring' | 'clock'>,
  input: NewAgencyInput,
): Promise<string> {
  const checked = await checkAgencyInput(input);
  const audit = createAuditService({ clock: platform.clock, db: platform.db });
  const { agencyId } = await platform.db.system((tx) =>
    insertAgencyWithOwner(tx, { keyring: platform.keyring, clock: platform.clock, audit }, checked, null),
  );
  return agencyId;
}
