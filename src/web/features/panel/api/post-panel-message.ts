import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';
import { panelStatementKey } from './get-panel-statement';

export function usePostPanelMessage(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      apiSend(`/api/panel/statements/${id}/messages`, { method: 'POST', body: { body } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: panelStatementKey(id) });
    },
  });
}
