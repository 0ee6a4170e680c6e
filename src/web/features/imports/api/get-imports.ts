import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { importSummarySchema } from '../../../../shared/api/imports';
import { apiRequest } from '../../../lib/api-client';

export type ImportListStatus = 'open' | 'committed' | 'all';

export const importsQueryKey = ['imports'] as const;

export function useImports(status: ImportListStatus) {
  return useQuery({
    queryKey: [...importsQueryKey, 'list', status],
    queryFn: () => apiRequest('/api/imports', { query: { status }, schema: z.array(importSummarySchema) }),
    // An import being read in the background moves on by itself.
    refetchInterval: (query) => (query.state.data?.some((item) => item.status === 'parsing') ? 2000 : false),
  });
}
