import { z } from 'zod';
import { isoDateTime } from './common.js';

export const insurerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  isArchived: z.boolean(),
  agentCodeCount: z.number().int(),
  hasTemplate: z.boolean(),
  createdAt: isoDateTime,
});
export type Insurer = z.infer<typeof insurerSchema>;

export const insurerInputSchema = z.object({ name: z.string().trim().min(1).max(120) });

export const insurerUpdateSchema = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  isArchived: z.boolean().optional(),
});

export const agentCodeSchema = z.object({
  id: z.uuid(),
  insurerId: z.uuid(),
  insurerName: z.string(),
  collaboratorId: z.uuid(),
  collaboratorName: z.string(),
  code: z.string(),
  createdAt: isoDateTime,
});
export type AgentCode = z.infer<typeof agentCodeSchema>;

export const agentCodeInputSchema = z.object({
  insurerId: z.uuid(),
  collaboratorId: z.uuid(),
  code: z.string().trim().min(1).max(60),
});
export type AgentCodeInput = z.infer<typeof agentCodeInputSchema>;

export const agentCodeQuerySchema = z.object({
  insurerId: z.uuid().optional(),
  collaboratorId: z.uuid().optional(),
});

/** Agent codes are compared without spaces and case: insurers print `ab 12/3` and `AB12/3` for the same agent. */
export function normalizeAgentCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

/** The insurers every new agency starts with; the agency edits the list as it likes. */
export const defaultInsurerNames = [
  'PZU',
  'Warta',
  'ERGO Hestia',
  'Allianz',
  'Generali',
  'Uniqa',
  'Compensa',
  'Link4',
  'InterRisk',
  'Wiener',
  'TUZ',
  'Proama',
] as const;
