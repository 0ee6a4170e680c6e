import { useQuery } from '@tanstack/react-query';
import { panelSummarySchema } from '../../../../shared/api/documents';
import { apiRequest } from '../../../lib/api-client';

export const panelQueryKey = ['panel'] as const;

export function usePanelSummary() {
  return useQuery({
    queryKey: [...panelQueryKey, 'summary'],
    queryFn: () => apiRequest('/api/panel/summary', { schema: panelSummarySchema }),
  });
}
