import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { outboxMessageSchema } from '../../../../shared/api/agency';
import { apiRequest } from '../../../lib/api-client';

/** Development without SMTP: the e-mails Sejf would have sent, invitation codes included. */
export function useDevOutbox(enabled: boolean) {
  return useQuery({
    queryKey: ['dev-outbox'],
    queryFn: () => apiRequest('/api/dev/outbox', { schema: z.array(outboxMessageSchema) }),
    enabled,
    refetchInterval: enabled ? 10_000 : false,
  });
}
