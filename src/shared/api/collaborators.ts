import { z } from 'zod';
import { clearableText, isoDateTime, optionalText } from './common.js';

export const taxModeSchema = z.enum(['invoice', 'bill']);
export type TaxMode = z.infer<typeof taxModeSchema>;

export const collaboratorStatusSchema = z.enum(['not_invited', 'invited', 'active', 'archived']);
export type CollaboratorStatus = z.infer<typeof collaboratorStatusSchema>;

export const invitationSummarySchema = z.object({
  id: z.uuid(),
  expiresAt: isoDateTime,
  sentCount: z.number().int(),
  lastSentAt: isoDateTime,
  isExpired: z.boolean(),
});

export const collaboratorListItemSchema = z.object({
  id: z.uuid(),
  fullName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  knfNumber: z.string(),
  nip: z.string().nullable(),
  /** Only the last four digits: a PESEL starts with the birth date. */
  peselMasked: z.string().nullable(),
  taxMode: taxModeSchema,
  selfBilling: z.boolean(),
  status: collaboratorStatusSchema,
  invitation: invitationSummarySchema.nullable(),
  createdAt: isoDateTime,
});
export type CollaboratorListItem = z.infer<typeof collaboratorListItemSchema>;

export const collaboratorSchema = collaboratorListItemSchema.extend({
  pesel: z.string().nullable(),
  address: z.string().nullable(),
  iban: z.string().nullable(),
  updatedAt: isoDateTime,
});
export type Collaborator = z.infer<typeof collaboratorSchema>;

/**
 * Identifier fields are validated on the server (src/shared/identifiers.ts) so that each failure has
 * its own error code; the web app runs the same validators before sending.
 */
export const collaboratorInputSchema = z.object({
  fullName: z.string().trim().min(2).max(200),
  email: z.string().trim().min(3).max(320),
  phone: optionalText(40),
  knfNumber: z.string().trim().min(1).max(40),
  nip: optionalText(20),
  pesel: optionalText(20),
  taxMode: taxModeSchema,
  /** A self-billing agreement (art. 106d of the VAT act): the agency drafts the invoices; invoice mode only. */
  selfBilling: z.boolean().optional(),
  address: optionalText(300),
  iban: optionalText(50),
});
export type CollaboratorInput = z.input<typeof collaboratorInputSchema>;

export const collaboratorUpdateSchema = collaboratorInputSchema
  .omit({ phone: true, nip: true, pesel: true, address: true, iban: true })
  .partial()
  .extend({
    phone: clearableText(40),
    nip: clearableText(20),
    pesel: clearableText(20),
    address: clearableText(300),
    iban: clearableText(50),
  });
export type CollaboratorUpdate = z.output<typeof collaboratorUpdateSchema>;

export const collaboratorQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(['current', 'archived', 'all']).default('current'),
});
