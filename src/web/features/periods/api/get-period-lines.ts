import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { settlementLinesPageSchema } from '../../../../shared/api/periods';
import { apiRequest } from '../../../lib/api-client';
import { periodQueryKey } from './get-period';

export type PeriodLinesFilter = {
  collaboratorId: string | null;
  problem: 'unattributed' | 'no_rule' | 'missing_basis' | 'any' | null;
  offset: number;
  limit: number;
};

export function usePeriodLines(id: string, filter: PeriodLinesFilter) {
  return useQuery({
    queryKey: [...periodQueryKey(id), 'lines', filter],
    queryFn: () =>
      apiRequest(`/api/periods/${id}/lines`, { query: filter, schema: settlementLinesPageSchema }),
    placeholderData: keepPreviousData,
  });
}
