import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { periodSchema } from '../../../../shared/api/periods';
import { apiRequest } from '../../../lib/api-client';

export const periodsQueryKey = ['periods'] as const;

export function usePeriods() {
  return useQuery({
    queryKey: [...periodsQueryKey, 'list'],
    queryFn: () => apiRequest('/api/periods', { schema: z.array(periodSchema) }),
  });
}
