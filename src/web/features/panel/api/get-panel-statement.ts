import { useQuery } from '@tanstack/react-query';
import { statementDetailSchema } from '../../../../shared/api/statements';
import { apiRequest } from '../../../lib/api-client';
import { panelQueryKey } from './get-panel-summary';

export function panelStatementKey(id: string) {
  return [...panelQueryKey, 'statement', id] as const;
}

export function usePanelStatement(id: string) {
  return useQuery({
    queryKey: [...panelStatementKey(id), 'detail'],
    queryFn: () => apiRequest(`/api/panel/statements/${id}`, { schema: statementDetailSchema }),
  });
}
