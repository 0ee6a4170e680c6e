import { z } from 'zod';
import { isoDateTime } from './common.js';

export const invitationStatusSchema = z.enum(['pending', 'expired', 'accepted', 'revoked']);

export const invitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  fullName: z.string(),
  role: z.enum(['staff', 'collaborator']),
  collaboratorId: z.uuid().nullable(),
  status: invitationStatusSchema,
  expiresAt: isoDateTime,
  sentCount: z.number().int(),
  lastSentAt: isoDateTime,
  createdAt: isoDateTime,
  acceptedAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const staffInvitationBodySchema = z.object({
  fullName: z.string().trim().min(2).max(200),
  email: z.string().trim().min(3).max(320),
});

export const invitationQuerySchema = z.object({
  status: z.enum(['pending', 'all']).default('pending'),
});

export const checkInvitationBodySchema = z.object({
  email: z.string().trim().min(3).max(320),
  code: z.string().trim().min(1).max(40),
});

export const checkInvitationResponseSchema = z.object({
  fullName: z.string(),
  agencyName: z.string(),
  role: z.enum(['staff', 'collaborator']),
  /** The e-mail already has a Sejf account: the person confirms with its password instead. */
  existingAccount: z.boolean(),
});

export const acceptInvitationBodySchema = checkInvitationBodySchema.extend({
  password: z.string().min(1).max(1024),
  fullName: z.string().trim().min(2).max(200).optional(),
  locale: z.enum(['pl', 'en']).optional(),
});

export const teamMemberSchema = z.object({
  membershipId: z.uuid(),
  userId: z.uuid(),
  fullName: z.string(),
  email: z.string(),
  role: z.enum(['owner', 'staff']),
  createdAt: isoDateTime,
  disabledAt: isoDateTime.nullable(),
});
