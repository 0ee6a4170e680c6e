import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { unmatchedGroupSchema } from '../../../../shared/api/imports';
import { apiRequest } from '../../../lib/api-client';
import { importsQueryKey } from './get-imports';

/** Committed lines no one is attributed to, grouped by insurer and agent code: the exception queue. */
export function useUnmatched() {
  return useQuery({
    queryKey: [...importsQueryKey, 'unmatched'],
    queryFn: () => apiRequest('/api/imports/unmatched', { schema: z.array(unmatchedGroupSchema) }),
  });
}
