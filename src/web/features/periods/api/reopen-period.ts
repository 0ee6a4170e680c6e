import { useMutation, useQueryClient } from '@tanstack/react-query';
import { periodSchema } from '../../../../shared/api/periods';
import { apiRequest } from '../../../lib/api-client';
import { refreshPeriod } from './get-period';

/** Owner only: back to open, the statements of the lock withdrawn, with a reason for the audit trail. */
export function useReopenPeriod(periodId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { revision: number; reason: string }) =>
      apiRequest(`/api/periods/${periodId}/reopen`, { method: 'POST', body: input, schema: periodSchema }),
    onSettled: () => {
      refreshPeriod(queryClient, periodId);
    },
  });
}
