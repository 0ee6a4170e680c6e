import { useMutation, useQueryClient } from '@tanstack/react-query';
import { importDetailSchema } from '../../../../shared/api/imports';
import { apiRequest } from '../../../lib/api-client';
import { importQueryKey } from './get-import';
import { importsQueryKey } from './get-imports';

/** Starts reading every row on the server (202); the import page then follows the progress. */
export function useParseImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest(`/api/imports/${id}/parse`, { method: 'POST', schema: importDetailSchema }),
    onSuccess: (detail) => {
      queryClient.setQueryData(importQueryKey(id), detail);
      void queryClient.invalidateQueries({ queryKey: [...importsQueryKey, 'list'] });
    },
  });
}
