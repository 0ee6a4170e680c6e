import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { sessionListItemSchema } from '../../../../shared/api/account';
import { apiRequest } from '../../../lib/api-client';

export const sessionsQueryKey = ['account', 'sessions'] as const;

export function useSessions() {
  return useQuery({
    queryKey: sessionsQueryKey,
    queryFn: () => apiRequest('/api/account/sessions', { schema: z.array(sessionListItemSchema) }),
  });
}
