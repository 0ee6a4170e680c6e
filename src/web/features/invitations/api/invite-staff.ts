import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { invitationSchema, type staffInvitationBodySchema } from '../../../../shared/api/invitations';
import { apiRequest } from '../../../lib/api-client';
import { invitationsQueryKey } from './get-invitations';

export type StaffInvitationInput = z.input<typeof staffInvitationBodySchema>;

export function useInviteStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StaffInvitationInput) =>
      apiRequest('/api/invitations/staff', { method: 'POST', body: input, schema: invitationSchema }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: invitationsQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['dev-outbox'] });
    },
  });
}
