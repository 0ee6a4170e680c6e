import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';
import { rulesQueryKey } from './get-rules';

/** The rule stops applying to periods still open; its versions stay in the history. */
export function useRetireRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiSend(`/api/rules/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: rulesQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['periods'] });
    },
  });
}
