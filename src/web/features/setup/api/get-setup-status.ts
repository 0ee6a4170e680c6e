import { useQuery } from '@tanstack/react-query';
import { setupStatusSchema } from '../../../../shared/api/agency';
import { apiRequest } from '../../../lib/api-client';

export function useSetupStatus() {
  return useQuery({
    queryKey: ['setup-status'],
    queryFn: () => apiRequest('/api/setup/status', { schema: setupStatusSchema }),
    staleTime: 0,
  });
}
