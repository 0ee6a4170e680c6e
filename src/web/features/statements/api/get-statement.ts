import { useQuery } from '@tanstack/react-query';
import { statementDetailSchema } from '../../../../shared/api/statements';
import { apiRequest } from '../../../lib/api-client';

export const statementsQueryKey = ['statements'] as const;

export function statementQueryKey(id: string) {
  return [...statementsQueryKey, id] as const;
}

export function useStatement(id: string) {
  return useQuery({
    queryKey: [...statementQueryKey(id), 'detail'],
    queryFn: () => apiRequest(`/api/statements/${id}`, { schema: statementDetailSchema }),
  });
}
