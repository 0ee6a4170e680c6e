import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { statementDetailSchema, type correctionBodySchema } from '../../../../shared/api/statements';
import { apiRequest } from '../../../lib/api-client';
import { statementsQueryKey } from './get-statement';

export type CorrectionInput = z.input<typeof correctionBodySchema>;

/** Issues the statement's next version; the open disputes are answered as corrected. */
export function useCorrectStatement(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CorrectionInput) =>
      apiRequest(`/api/statements/${id}/corrections`, {
        method: 'POST',
        body: input,
        schema: statementDetailSchema,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: statementsQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['periods'] });
    },
  });
}
