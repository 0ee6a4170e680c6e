import { z } from 'zod';
import { isoDateTime, localeSchema, roleSchema } from './common.js';

export const secondFactorMethodSchema = z.enum(['totp', 'passkey', 'recovery_code']);

export const sessionStateSchema = z.enum(['second_factor_required', 'enrolment_required', 'active']);
export type SessionState = z.infer<typeof sessionStateSchema>;

export const sessionInfoSchema = z.object({
  state: sessionStateSchema,
  user: z.object({ id: z.uuid(), email: z.string(), fullName: z.string(), locale: localeSchema }),
  agency: z
    .object({
      id: z.uuid(),
      name: z.string(),
      role: roleSchema,
      collaboratorId: z.uuid().nullable(),
    })
    .nullable(),
  memberships: z.array(z.object({ agencyId: z.uuid(), agencyName: z.string(), role: roleSchema })),
  /** Second-factor methods the user can use now (for the login step). */
  methods: z.array(secondFactorMethodSchema),
  expiresAt: isoDateTime,
  idleTimeoutMinutes: z.number().int(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const sessionResponseSchema = z.union([
  z.object({ state: z.literal('anonymous') }),
  sessionInfoSchema,
]);

export const loginBodySchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export const codeBodySchema = z.object({ code: z.string().trim().min(1).max(64) });

export const recoveryLoginResponseSchema = sessionInfoSchema.extend({
  remainingRecoveryCodes: z.number().int(),
});

export const switchAgencyBodySchema = z.object({ agencyId: z.uuid() });

/** WebAuthn JSON travels as produced by @simplewebauthn/browser; the server library validates it. */
export const webauthnResponseBodySchema = z.object({
  response: z.record(z.string(), z.unknown()),
  label: z.string().trim().min(1).max(80).optional(),
});
export const webauthnOptionsSchema = z.record(z.string(), z.unknown());
