import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { splitRuleSchema } from '../../../../shared/api/rules';
import { apiRequest } from '../../../lib/api-client';

export type RuleFilter = {
  collaboratorId: string | null;
  insurerId: string | null;
  scope: 'all' | 'agency' | 'collaborators';
};

export const rulesQueryKey = ['rules'] as const;

/** The current version of every rule that matches the filter. */
export function useRules(filter: RuleFilter) {
  return useQuery({
    queryKey: [...rulesQueryKey, 'list', filter],
    queryFn: () =>
      apiRequest('/api/rules', {
        query: { collaboratorId: filter.collaboratorId, insurerId: filter.insurerId, scope: filter.scope },
        schema: z.array(splitRuleSchema),
      }),
    placeholderData: keepPreviousData,
  });
}
