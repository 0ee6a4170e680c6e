import { useMutation, useQueryClient } from '@tanstack/react-query';
import { splitRuleSchema, type SplitRuleInput } from '../../../../shared/api/rules';
import { apiRequest } from '../../../lib/api-client';
import { rulesQueryKey } from './get-rules';

/** A new rule, or (with an id) the next version of one: locked periods keep the version they used. */
export function useSaveRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: SplitRuleInput }) =>
      id
        ? apiRequest(`/api/rules/${id}`, { method: 'PUT', body: input, schema: splitRuleSchema })
        : apiRequest('/api/rules', { method: 'POST', body: input, schema: splitRuleSchema }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: rulesQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['periods'] });
    },
  });
}
