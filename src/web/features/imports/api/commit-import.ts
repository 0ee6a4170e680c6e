import { useMutation, useQueryClient } from '@tanstack/react-query';
import { importDetailSchema } from '../../../../shared/api/imports';
import { apiRequest } from '../../../lib/api-client';
import { importQueryKey } from './get-import';
import { importsQueryKey } from './get-imports';

/** The file's lines start to count for settlement, all at once. */
export function useCommitImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest(`/api/imports/${id}/commit`, { method: 'POST', schema: importDetailSchema }),
    onSuccess: (detail) => {
      queryClient.setQueryData(importQueryKey(id), detail);
      void queryClient.invalidateQueries({ queryKey: importsQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['periods'] });
    },
  });
}
