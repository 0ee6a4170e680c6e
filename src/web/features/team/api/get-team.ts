import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { teamMemberSchema } from '../../../../shared/api/invitations';
import { apiRequest } from '../../../lib/api-client';

export const teamQueryKey = ['team'] as const;

export function useTeam() {
  return useQuery({
    queryKey: teamQueryKey,
    queryFn: () => apiRequest('/api/team', { schema: z.array(teamMemberSchema) }),
  });
}
