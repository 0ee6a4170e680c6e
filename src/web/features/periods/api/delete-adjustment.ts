import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';
import { refreshPeriod } from './get-period';

export function useDeleteAdjustment(periodId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (adjustmentId: string) =>
      apiSend(`/api/periods/${periodId}/adjustments/${adjustmentId}`, { method: 'DELETE' }),
    onSuccess: () => {
      refreshPeriod(queryClient, periodId);
    },
  });
}
