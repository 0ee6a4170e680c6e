import { useQuery } from '@tanstack/react-query';
import { importReconciliationSchema } from '../../../../shared/api/imports';
import { apiRequest } from '../../../lib/api-client';
import { importQueryKey } from './get-import';

/** How a committed import's commission splits, to the grosz (settled, provisional, the agency's, unresolved). */
export function useImportReconciliation(id: string) {
  return useQuery({
    queryKey: [...importQueryKey(id), 'reconciliation'],
    queryFn: () => apiRequest(`/api/imports/${id}/reconciliation`, { schema: importReconciliationSchema }),
  });
}
