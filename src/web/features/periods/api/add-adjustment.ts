import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { adjustmentSchema, type adjustmentInputSchema } from '../../../../shared/api/periods';
import { apiRequest } from '../../../lib/api-client';
import { refreshPeriod } from './get-period';

export type AdjustmentInput = z.input<typeof adjustmentInputSchema>;

export function useAddAdjustment(periodId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AdjustmentInput) =>
      apiRequest(`/api/periods/${periodId}/adjustments`, {
        method: 'POST',
        body: input,
        schema: adjustmentSchema,
      }),
    onSuccess: () => {
      refreshPeriod(queryClient, periodId);
    },
  });
}
