import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { statementLinesPageSchema } from '../../../../shared/api/statements';
import { apiRequest } from '../../../lib/api-client';
import { panelStatementKey } from './get-panel-statement';

export function usePanelStatementLines(id: string, page: { offset: number; limit: number }) {
  return useQuery({
    queryKey: [...panelStatementKey(id), 'lines', page],
    queryFn: () =>
      apiRequest(`/api/panel/statements/${id}/lines`, { query: page, schema: statementLinesPageSchema }),
    placeholderData: keepPreviousData,
  });
}
