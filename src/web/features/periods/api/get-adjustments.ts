import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { adjustmentSchema } from '../../../../shared/api/periods';
import { apiRequest } from '../../../lib/api-client';
import { periodQueryKey } from './get-period';

export function useAdjustments(id: string) {
  return useQuery({
    queryKey: [...periodQueryKey(id), 'adjustments'],
    queryFn: () => apiRequest(`/api/periods/${id}/adjustments`, { schema: z.array(adjustmentSchema) }),
  });
}
