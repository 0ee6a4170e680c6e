import { useQuery } from '@tanstack/react-query';
import { invoiceSchema } from '../../../../shared/api/invoices';
import { apiRequest } from '../../../lib/api-client';
import { statementQueryKey } from './get-statement';

/** The statement's latest invoice (a voided one included), or null. */
export function useStatementInvoice(statementId: string) {
  return useQuery({
    queryKey: [...statementQueryKey(statementId), 'invoice'],
    queryFn: () => apiRequest(`/api/statements/${statementId}/invoice`, { schema: invoiceSchema.nullable() }),
  });
}
