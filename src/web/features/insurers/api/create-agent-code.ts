import { useMutation, useQueryClient } from '@tanstack/react-query';
import { agentCodeSchema, type AgentCodeInput } from '../../../../shared/api/insurers';
import { apiRequest } from '../../../lib/api-client';
import { insurersQueryKey } from './get-insurers';
import { agentCodesQueryKey } from './get-agent-codes';

export function useCreateAgentCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AgentCodeInput) =>
      apiRequest('/api/agent-codes', { method: 'POST', body: input, schema: agentCodeSchema }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: agentCodesQueryKey });
      void queryClient.invalidateQueries({ queryKey: insurersQueryKey });
    },
  });
}
