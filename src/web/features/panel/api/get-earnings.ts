import { useQuery } from '@tanstack/react-query';
import { earningsReportSchema } from '../../../../shared/api/reports';
import { apiRequest } from '../../../lib/api-client';
import { panelQueryKey } from './get-panel-summary';

/** The collaborator's own earnings of the last twelve months, per month and insurer. */
export function useEarnings() {
  return useQuery({
    queryKey: [...panelQueryKey, 'earnings'],
    queryFn: () => apiRequest('/api/panel/earnings', { schema: earningsReportSchema }),
  });
}
