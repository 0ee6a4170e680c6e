import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { splitRuleSchema } from '../../../../shared/api/rules';
import { apiRequest } from '../../../lib/api-client';
import { rulesQueryKey } from './get-rules';

/** Every version of a rule, newest first. */
export function useRuleVersions(id: string) {
  return useQuery({
    queryKey: [...rulesQueryKey, 'versions', id],
    queryFn: () => apiRequest(`/api/rules/${id}/versions`, { schema: z.array(splitRuleSchema) }),
  });
}
