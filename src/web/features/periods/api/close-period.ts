import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';
import { refreshPeriod } from './get-period';

/** Everything in the period becomes read-only. */
export function useClosePeriod(periodId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (revision: number) =>
      apiSend(`/api/periods/${periodId}/close`, { method: 'POST', body: { revision } }),
    onSettled: () => {
      refreshPeriod(queryClient, periodId);
    },
  });
}
