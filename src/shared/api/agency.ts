import { z } from 'zod';
import { isoDateTime, localeSchema, optionalText } from './common.js';
import { sessionInfoSchema } from './auth.js';

export const agencySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  nip: z.string(),
  regon: z.string().nullable(),
  address: z.string().nullable(),
  /** Grosze: a positive balance below it is carried forward to the next period. */
  minimumPayout: z.number().int(),
  createdAt: isoDateTime,
});

export const agencyUpdateSchema = z.object({
  name: z.string().trim().min(2).max(200).optional(),
  nip: z.string().trim().min(10).max(20).optional(),
  regon: optionalText(20).nullable(),
  address: optionalText(300).nullable(),
  minimumPayout: z.number().int().min(0).max(100_000_00).optional(),
});

export const setupStatusSchema = z.object({ setupRequired: z.boolean() });

export const setupBodySchema = z.object({
  token: z.string().min(10).max(200),
  agency: z.object({
    name: z.string().trim().min(2).max(200),
    nip: z.string().trim().min(10).max(20),
    regon: optionalText(20),
  }),
  owner: z.object({
    fullName: z.string().trim().min(2).max(200),
    email: z.string().trim().min(3).max(320),
    password: z.string().min(1).max(1024),
  }),
  locale: localeSchema.default('pl'),
});

export const setupResponseSchema = sessionInfoSchema;

export const dashboardSchema = z.object({
  collaborators: z.object({
    total: z.number().int(),
    active: z.number().int(),
    invited: z.number().int(),
    notInvited: z.number().int(),
  }),
  documentsThisMonth: z.number().int(),
  unopenedDocuments: z.number().int(),
  pendingInvitations: z.number().int(),
  expiredInvitations: z.number().int(),
});

export const outboxMessageSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  template: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: isoDateTime,
  sentAt: isoDateTime.nullable(),
});
