import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { invitationSchema } from '../../../../shared/api/invitations';
import { apiRequest } from '../../../lib/api-client';

export const invitationsQueryKey = ['invitations'] as const;

export function useInvitations(status: 'pending' | 'all' = 'pending') {
  return useQuery({
    queryKey: [...invitationsQueryKey, status],
    queryFn: () => apiRequest('/api/invitations', { query: { status }, schema: z.array(invitationSchema) }),
  });
}
