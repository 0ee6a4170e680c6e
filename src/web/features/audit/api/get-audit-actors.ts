import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { auditActorSchema } from '../../../../shared/api/audit';
import { apiRequest } from '../../../lib/api-client';

export function useAuditActors() {
  return useQuery({
    queryKey: ['audit', 'actors'],
    queryFn: () => apiRequest('/api/audit/actors', { schema: z.array(auditActorSchema) }),
    staleTime: 5 * 60_000,
  });
}
