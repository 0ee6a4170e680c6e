import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { agentCodeSchema } from '../../../../shared/api/insurers';
import { apiRequest } from '../../../lib/api-client';

export type AgentCodeFilter = { insurerId?: string; collaboratorId?: string };

export const agentCodesQueryKey = ['agent-codes'] as const;

/** The codes under which insurers report a collaborator's sales: by insurer or by collaborator. */
export function useAgentCodes(filter: AgentCodeFilter) {
  return useQuery({
    queryKey: [...agentCodesQueryKey, filter],
    queryFn: () =>
      apiRequest('/api/agent-codes', {
        query: { insurerId: filter.insurerId, collaboratorId: filter.collaboratorId },
        schema: z.array(agentCodeSchema),
      }),
  });
}
