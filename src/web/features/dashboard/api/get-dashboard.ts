import { useQuery } from '@tanstack/react-query';
import { dashboardSchema } from '../../../../shared/api/agency';
import { apiRequest } from '../../../lib/api-client';

export function useDashboard() {
  return useQuery({
    queryKey: ['dashboard'],
    queryFn: () => apiRequest('/api/dashboard', { schema: dashboardSchema }),
  });
}
