import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';
import { panelQueryKey } from './get-panel-summary';

/** Approves the bill or self-billed invoice the agency drafted on the collaborator's behalf. */
export function useApproveInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invoiceId: string) =>
      apiSend(`/api/panel/invoices/${invoiceId}/approve`, { method: 'POST' }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: panelQueryKey });
    },
  });
}
