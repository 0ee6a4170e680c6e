import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';
import { statementsQueryKey } from './get-statement';

export type PaymentInput = { statementId: string; paidOn: string; reference?: string };

export function useMarkPaid() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ statementId, paidOn, reference }: PaymentInput) =>
      apiSend(`/api/statements/${statementId}/payment`, {
        method: 'POST',
        body: reference ? { paidOn, reference } : { paidOn },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: statementsQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['periods'] });
    },
  });
}
