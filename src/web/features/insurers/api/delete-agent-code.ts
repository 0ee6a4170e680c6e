import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';
import { insurersQueryKey } from './get-insurers';
import { agentCodesQueryKey } from './get-agent-codes';

/** Later files stop matching the code; lines already attributed stay with their collaborator. */
export function useDeleteAgentCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiSend(`/api/agent-codes/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: agentCodesQueryKey });
      void queryClient.invalidateQueries({ queryKey: insurersQueryKey });
    },
  });
}
