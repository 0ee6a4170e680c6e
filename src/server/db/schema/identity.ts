import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, timestamptz } from './columns.js';

/** A person who can log in. Global: one person may be a member of several agencies. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    fullName: text('full_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestamptz('password_changed_at').notNull().defaultNow(),
    locale: text('locale', { enum: ['pl', 'en'] })
      .notNull()
      .default('pl'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The membership the session acts in; null only before the user has one (never in practice). */
    agencyId: uuid('agency_id'),
    tokenHash: bytea('token_hash').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
    secondFactorAt: timestamptz('second_factor_at'),
    secondFactorMethod: text('second_factor_method', { enum: ['totp', 'passkey', 'recovery_code'] }),
    failedSecondFactorAttempts: integer('failed_second_factor_attempts').notNull().default(0),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** WebAuthn challenge in flight for this session (registration or authentication). */
    webauthnChallenge: text('webauthn_challenge'),
    webauthnChallengeExpiresAt: timestamptz('webauthn_challenge_expires_at'),
    revokedAt: timestamptz('revoked_at'),
    revokedReason: text('revoked_reason'),
  },
  (t) => [
    uniqueIndex('sessions_token_hash_key').on(t.tokenHash),
    index('sessions_user_idx')
      .on(t.userId)
      .where(sql`${t.revokedAt} is null`),
  ],
);

export const secondFactors = pgTable(
  'second_factors',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['totp', 'passkey'] }).notNull(),
    label: text('label').notNull(),
    /** TOTP: the shared secret, encrypted with a key derived from the master key. */
    totpSecretEncrypted: bytea('totp_secret_encrypted'),
    /** TOTP: the last accepted time step, so a code cannot be used twice. */
    totpLastStep: integer('totp_last_step'),
    /** Passkey: credential id (base64url), public key, signature counter, transports. */
    credentialId: text('credential_id'),
    publicKey: bytea('public_key'),
    signCount: integer('sign_count'),
    transports: jsonb('transports').$type<string[]>(),
    backedUp: boolean('backed_up'),
    confirmedAt: timestamptz('confirmed_at'),
    lastUsedAt: timestamptz('last_used_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('second_factors_user_idx').on(t.userId),
    uniqueIndex('second_factors_credential_key').on(t.credentialId),
  ],
);

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: bytea('code_hash').notNull(),
    usedAt: timestamptz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/** Devices a user has logged in from, so that a login from a new one sends a content-free alert. */
export const knownDevices = pgTable(
  'known_devices',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    deviceHash: bytea('device_hash').notNull(),
    label: text('label').notNull(),
    firstSeenAt: createdAt(),
    lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('known_devices_user_device_key').on(t.userId, t.deviceHash)],
);

/** Failed-attempt counters for login throttling, per account (e-mail) and per IP. */
export const authThrottles = pgTable('auth_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamptz('window_started_at').notNull().defaultNow(),
  lockedUntil: timestamptz('locked_until'),
});

/** One-time tokens for the first agency's setup link. */
export const setupTokens = pgTable('setup_tokens', {
  id: uuid('id').primaryKey(),
  tokenHash: bytea('token_hash').notNull(),
  createdAt: createdAt(),
  usedAt: timestamptz('used_at'),
});
