import { z } from 'zod';
import { isoDateTime, localeSchema } from './common.js';
import { sessionInfoSchema } from './auth.js';

export const secondFactorSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['totp', 'passkey']),
  label: z.string(),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
});

export const accountSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  fullName: z.string(),
  locale: localeSchema,
  passwordChangedAt: isoDateTime,
  secondFactors: z.array(secondFactorSchema),
  recoveryCodesRemaining: z.number().int(),
});
export type Account = z.infer<typeof accountSchema>;

export const updateAccountBodySchema = z.object({
  locale: localeSchema.optional(),
  fullName: z.string().trim().min(2).max(200).optional(),
});

export const totpEnrolmentSchema = z.object({
  factorId: z.uuid(),
  secret: z.string(),
  otpauthUri: z.string(),
  qrCodeDataUrl: z.string(),
});

export const confirmTotpBodySchema = z.object({
  factorId: z.uuid(),
  code: z.string().trim().min(6).max(10),
  label: z.string().trim().min(1).max(80).optional(),
});

export const enrolmentResultSchema = z.object({
  session: sessionInfoSchema,
  /** Shown once, right after the first second factor is enrolled. */
  recoveryCodes: z.array(z.string()).nullable(),
});

export const regenerateRecoveryCodesBodySchema = z.object({ password: z.string().min(1).max(1024) });
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

export const sessionListItemSchema = z.object({
  id: z.uuid(),
  current: z.boolean(),
  device: z.string(),
  ip: z.string().nullable(),
  createdAt: isoDateTime,
  lastSeenAt: isoDateTime,
  secondFactorMethod: z.enum(['totp', 'passkey', 'recovery_code']).nullable(),
});

export const revokeAllBodySchema = z.object({ includeCurrent: z.boolean().default(false) });
export const revokedCountSchema = z.object({ revoked: z.number().int() });

export const deviceSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  firstSeenAt: isoDateTime,
  lastSeenAt: isoDateTime,
  current: z.boolean(),
});
