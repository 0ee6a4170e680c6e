import { z } from 'zod';
import { auditEventNames } from '../audit-events.js';
import { isoDateTime } from './common.js';

export const auditQuerySchema = z.object({
  actorUserId: z.uuid().optional(),
  event: z.enum(auditEventNames).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const auditEventSchema = z.object({
  seq: z.number().int(),
  at: isoDateTime,
  actorUserId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  event: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z.object({
  events: z.array(auditEventSchema),
  /** Pass as `before` for the next (older) page; null at the start of the trail. */
  nextBefore: z.number().int().nullable(),
});

export const auditActorSchema = z.object({ userId: z.uuid(), name: z.string() });
