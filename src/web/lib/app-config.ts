import { useQuery } from '@tanstack/react-query';
import { publicConfigSchema } from '../../shared/api/meta';
import { apiRequest } from './api-client';

/** Public settings: upload limits, allowed file types, whether mail stays in the dev outbox. */
export function useAppConfig() {
  return useQuery({
    queryKey: ['config'],
    queryFn: () => apiRequest('/api/config', { schema: publicConfigSchema }),
    staleTime: 10 * 60_000,
  });
}
