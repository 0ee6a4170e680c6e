import { useMutation, useQueryClient } from '@tanstack/react-query';
import { periodSchema } from '../../../../shared/api/periods';
import { apiRequest } from '../../../lib/api-client';
import { refreshPeriod } from './get-period';

/** Writes the statements; their PDFs are then rendered in the background. */
export function useLockPeriod(periodId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (revision: number) =>
      apiRequest(`/api/periods/${periodId}/lock`, {
        method: 'POST',
        body: { revision },
        schema: periodSchema,
      }),
    onSettled: () => {
      refreshPeriod(queryClient, periodId);
    },
  });
}
