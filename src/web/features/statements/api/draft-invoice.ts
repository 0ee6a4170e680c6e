import { useMutation, useQueryClient } from '@tanstack/react-query';
import { invoiceSchema } from '../../../../shared/api/invoices';
import { apiRequest } from '../../../lib/api-client';
import { statementQueryKey, statementsQueryKey } from './get-statement';

/** A bill, or a self-billed invoice, for the collaborator to approve in their panel. */
export function useDraftInvoice(statementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest(`/api/statements/${statementId}/invoice/draft`, { method: 'POST', schema: invoiceSchema }),
    onSuccess: (invoice) => {
      queryClient.setQueryData([...statementQueryKey(statementId), 'invoice'], invoice);
      void queryClient.invalidateQueries({ queryKey: statementsQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['periods'] });
    },
  });
}
