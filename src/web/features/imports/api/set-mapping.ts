import { useMutation, useQueryClient } from '@tanstack/react-query';
import { importDetailSchema, type ColumnMappingInput } from '../../../../shared/api/imports';
import { apiRequest } from '../../../lib/api-client';
import { importQueryKey } from './get-import';
import { importsQueryKey } from './get-imports';

export type MappingInput = { mapping: ColumnMappingInput; remember: boolean };

/** Saves the mapping (and, if asked, as the insurer's template); lines read before are dropped. */
export function useSetMapping(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MappingInput) =>
      apiRequest(`/api/imports/${id}/mapping`, { method: 'PUT', body: input, schema: importDetailSchema }),
    onSuccess: (detail) => {
      queryClient.setQueryData(importQueryKey(id), detail);
      void queryClient.invalidateQueries({ queryKey: ['insurers'] });
      void queryClient.invalidateQueries({ queryKey: [...importsQueryKey, 'lines', id] });
    },
  });
}
