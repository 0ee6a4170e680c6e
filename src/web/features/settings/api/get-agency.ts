import { useQuery } from '@tanstack/react-query';
import { agencySchema } from '../../../../shared/api/agency';
import { apiRequest } from '../../../lib/api-client';

export const agencyQueryKey = ['agency'] as const;

export function useAgency() {
  return useQuery({
    queryKey: agencyQueryKey,
    queryFn: () => apiRequest('/api/agency', { schema: agencySchema }),
  });
}
