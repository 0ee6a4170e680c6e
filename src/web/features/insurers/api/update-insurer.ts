import { useMutation, useQueryClient } from '@tanstack/react-query';
import { insurerSchema } from '../../../../shared/api/insurers';
import { apiRequest } from '../../../lib/api-client';
import { insurersQueryKey } from './get-insurers';

export type InsurerUpdate = { id: string; name?: string; isArchived?: boolean };

/** Renames an insurer or archives / restores it; its history keeps the insurer either way. */
export function useUpdateInsurer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: InsurerUpdate) =>
      apiRequest(`/api/insurers/${id}`, { method: 'PATCH', body, schema: insurerSchema }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: insurersQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['agent-codes'] });
    },
  });
}
