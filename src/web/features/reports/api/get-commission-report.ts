import { useQuery } from '@tanstack/react-query';
import { commissionReportSchema } from '../../../../shared/api/reports';
import { apiRequest } from '../../../lib/api-client';

/** Settled commission per month and insurer; without a range, the last twelve months. */
export function useCommissionReport(range: { from?: string; to?: string } = {}) {
  return useQuery({
    queryKey: ['reports', 'commission', range],
    queryFn: () => apiRequest('/api/reports/commission', { query: range, schema: commissionReportSchema }),
  });
}
