import { z } from 'zod';

/** ISO 8601 on the wire, a Date in code: the server encodes, the web app decodes, with one schema. */
export const isoDateTime = z.codec(z.iso.datetime({ offset: true }), z.date(), {
  decode: (value) => new Date(value),
  encode: (date) => date.toISOString(),
});

export const uuidParam = z.object({ id: z.uuid() });

export const localeSchema = z.enum(['pl', 'en']);
export type Locale = z.infer<typeof localeSchema>;

export const roleSchema = z.enum(['owner', 'staff', 'collaborator']);
export type Role = z.infer<typeof roleSchema>;

/** Settlement month, YYYY-MM. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'invalid_month');

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  }),
});

/** An optional field of an update: absent means unchanged; null or empty means clear it. */
export const clearableText = (max: number) =>
  z
    .union([z.null(), z.string().trim().max(max)])
    .optional()
    .transform((value) => (value === '' ? null : value));

/** A string field from a form: trimmed, and empty means absent. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => (value === '' ? undefined : value));
