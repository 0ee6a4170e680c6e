import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { importLinesPageSchema } from '../../../../shared/api/imports';
import { apiRequest } from '../../../lib/api-client';
import { importsQueryKey } from './get-imports';

export type ImportLinesShow = 'lines' | 'errors' | 'unmatched';

export function useImportLines(
  id: string,
  filter: { show: ImportLinesShow; offset: number; limit: number },
  isEnabled: boolean,
) {
  return useQuery({
    queryKey: [...importsQueryKey, 'lines', id, filter],
    queryFn: () => apiRequest(`/api/imports/${id}/lines`, { query: filter, schema: importLinesPageSchema }),
    placeholderData: keepPreviousData,
    enabled: isEnabled,
  });
}
