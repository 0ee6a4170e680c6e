import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { statementSummarySchema } from '../../../../shared/api/statements';
import { apiRequest } from '../../../lib/api-client';
import { panelQueryKey } from './get-panel-summary';

/** The collaborator's published statements, newest period first. */
export function usePanelStatements() {
  return useQuery({
    queryKey: [...panelQueryKey, 'statements'],
    queryFn: async () => {
      const list = await apiRequest('/api/panel/statements', { schema: z.array(statementSummarySchema) });
      return list.sort((a, b) => b.dateTo.localeCompare(a.dateTo) || b.version - a.version);
    },
  });
}
