import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';
import { panelQueryKey } from './get-panel-summary';

/** The acceptance names the document's SHA-256, so that it can only ever refer to what was shown. */
export function useAcceptStatement(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sha256: string) =>
      apiSend(`/api/panel/statements/${id}/accept`, { method: 'POST', body: { sha256 } }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: panelQueryKey });
    },
  });
}
