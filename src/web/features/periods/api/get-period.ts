import { useQuery, type QueryClient } from '@tanstack/react-query';
import { periodDetailSchema } from '../../../../shared/api/periods';
import { apiRequest } from '../../../lib/api-client';
import { periodsQueryKey } from './get-periods';

export function periodQueryKey(id: string) {
  return [...periodsQueryKey, id] as const;
}

/** Everything on a period's page lives under its key, so one change refreshes all of it. */
export function refreshPeriod(queryClient: QueryClient, id: string): void {
  void queryClient.invalidateQueries({ queryKey: periodQueryKey(id) });
  void queryClient.invalidateQueries({ queryKey: [...periodsQueryKey, 'list'] });
  void queryClient.invalidateQueries({ queryKey: ['statements'] });
  void queryClient.invalidateQueries({ queryKey: ['reports'] });
}

export function usePeriod(id: string) {
  return useQuery({
    queryKey: [...periodQueryKey(id), 'detail'],
    queryFn: () => apiRequest(`/api/periods/${id}`, { schema: periodDetailSchema }),
  });
}
