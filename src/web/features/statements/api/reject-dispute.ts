import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';
import { statementsQueryKey } from './get-statement';

export function useRejectDispute(statementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ disputeId, resolution }: { disputeId: string; resolution: string }) =>
      apiSend(`/api/statements/${statementId}/disputes/${disputeId}/reject`, {
        method: 'POST',
        body: { resolution },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: statementsQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['periods'] });
    },
  });
}
