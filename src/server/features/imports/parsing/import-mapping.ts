import { importFieldSchema, type ImportField } from '../../../../shared/api/imports.js';

/** The mapping vocabulary is the API's (src/shared/api/imports.ts): one definition for server and web. */
export { columnMappingSchema, type ColumnMapping, type ImportField } from '../../../../shared/api/imports.js';

export const importFields = importFieldSchema.options;

export const requiredImportFields = ['policyNumber', 'commission'] as const satisfies readonly ImportField[];

export const amountFields = [
  'premium',
  'collectedPremium',
  'commissionBase',
  'commission',
] as const satisfies readonly ImportField[];
export type AmountField = (typeof amountFields)[number];
