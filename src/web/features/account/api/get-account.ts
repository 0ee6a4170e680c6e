import { useQuery } from '@tanstack/react-query';
import { accountSchema } from '../../../../shared/api/account';
import { apiRequest } from '../../../lib/api-client';

export const accountQueryKey = ['account'] as const;

export function useAccount() {
  return useQuery({
    queryKey: accountQueryKey,
    queryFn: () => apiRequest('/api/account', { schema: accountSchema }),
  });
}
