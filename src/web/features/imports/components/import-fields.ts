import type { ImportField } from '../../../../shared/api/imports';

/** The order fields are offered in: the two required ones first, then as insurers usually print them. */
export const mappingFields = [
  'policyNumber',
  'commission',
  'policyholder',
  'product',
  'risk',
  'premium',
  'collectedPremium',
  'commissionBase',
  'insurerRate',
  'installment',
  'dueDate',
  'agentCode',
  'lineType',
  'renewal',
] as const satisfies readonly ImportField[];

export const requiredFields: readonly ImportField[] = ['policyNumber', 'commission'];
