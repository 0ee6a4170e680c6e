import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { periodSchema, type periodInputSchema } from '../../../../shared/api/periods';
import { apiRequest } from '../../../lib/api-client';
import { periodsQueryKey } from './get-periods';

export type PeriodInput = z.input<typeof periodInputSchema>;

export function useCreatePeriod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PeriodInput) =>
      apiRequest('/api/periods', { method: 'POST', body: input, schema: periodSchema }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: periodsQueryKey });
    },
  });
}
