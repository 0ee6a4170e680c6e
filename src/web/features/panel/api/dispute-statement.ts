import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { disputeBodySchema } from '../../../../shared/api/statements';
import { apiRequest } from '../../../lib/api-client';
import { panelQueryKey } from './get-panel-summary';

export type DisputeInput = z.input<typeof disputeBodySchema>;

export function useDisputeStatement(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DisputeInput) =>
      apiRequest(`/api/panel/statements/${id}/disputes`, {
        method: 'POST',
        body: input,
        schema: z.object({ id: z.uuid() }),
      }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: panelQueryKey });
    },
  });
}
