import { useQuery } from '@tanstack/react-query';
import { periodSettlementSchema } from '../../../../shared/api/periods';
import { apiRequest } from '../../../lib/api-client';
import { periodQueryKey } from './get-period';

/** Open period: computed now from the lines and rules; locked and later: what the statements recorded. */
export function useSettlement(id: string) {
  return useQuery({
    queryKey: [...periodQueryKey(id), 'settlement'],
    queryFn: () => apiRequest(`/api/periods/${id}/settlement`, { schema: periodSettlementSchema }),
  });
}
