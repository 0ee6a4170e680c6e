import { useQuery } from '@tanstack/react-query';
import { importDetailSchema } from '../../../../shared/api/imports';
import { apiRequest } from '../../../lib/api-client';
import { importsQueryKey } from './get-imports';

export function importQueryKey(id: string) {
  return [...importsQueryKey, 'detail', id] as const;
}

/** One import; while the server reads its rows, asked again every second for the progress. */
export function useImport(id: string) {
  return useQuery({
    queryKey: importQueryKey(id),
    queryFn: () => apiRequest(`/api/imports/${id}`, { schema: importDetailSchema }),
    refetchInterval: (query) => (query.state.data?.status === 'parsing' ? 1000 : false),
  });
}
