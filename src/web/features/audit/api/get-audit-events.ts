import { useInfiniteQuery } from '@tanstack/react-query';
import { auditPageSchema } from '../../../../shared/api/audit';
import type { AuditEventName } from '../../../../shared/audit-events';
import { apiRequest } from '../../../lib/api-client';

export type AuditFilter = {
  actorUserId: string | null;
  event: AuditEventName | null;
  from: Date | null;
  to: Date | null;
};

const pageSize = 100;

/** The trail, newest first; each "older" page continues before the last event shown. */
export function useAuditEvents(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: ['audit', 'events', filter],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) =>
      apiRequest('/api/audit', {
        query: {
          actorUserId: filter.actorUserId,
          event: filter.event,
          from: filter.from?.toISOString(),
          to: filter.to?.toISOString(),
          before: pageParam,
          limit: pageSize,
        },
        schema: auditPageSchema,
      }),
    getNextPageParam: (page) => page.nextBefore,
  });
}
