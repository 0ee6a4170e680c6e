import { z } from 'zod';

export const healthSchema = z.object({ status: z.literal('ok') });

export const readinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.record(z.string(), z.enum(['ok', 'failed', 'disabled'])),
});

export const publicConfigSchema = z.object({
  version: z.string(),
  uploadMaxBytes: z.number().int(),
  uploadMaxFiles: z.number().int(),
  allowedExtensions: z.array(z.string()),
  devOutbox: z.boolean(),
  virusScanning: z.boolean(),
  sessionIdleMinutes: z.number().int(),
});
