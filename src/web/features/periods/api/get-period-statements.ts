import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { statementSummarySchema } from '../../../../shared/api/statements';
import { apiRequest } from '../../../lib/api-client';
import { periodQueryKey } from './get-period';

/** The period's statement board: who has accepted, disputed, invoiced, been paid. */
export function usePeriodStatements(id: string, isEnabled: boolean) {
  return useQuery({
    queryKey: [...periodQueryKey(id), 'statements'],
    queryFn: () => apiRequest(`/api/periods/${id}/statements`, { schema: z.array(statementSummarySchema) }),
    enabled: isEnabled,
  });
}
