import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { statementLinesPageSchema } from '../../../../shared/api/statements';
import { apiRequest } from '../../../lib/api-client';
import { statementQueryKey } from './get-statement';

export function useStatementLines(id: string, page: { offset: number; limit: number }) {
  return useQuery({
    queryKey: [...statementQueryKey(id), 'lines', page],
    queryFn: () =>
      apiRequest(`/api/statements/${id}/lines`, { query: page, schema: statementLinesPageSchema }),
    placeholderData: keepPreviousData,
  });
}
