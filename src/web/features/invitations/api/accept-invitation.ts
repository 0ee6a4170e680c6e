import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { sessionInfoSchema } from '../../../../shared/api/auth';
import type { acceptInvitationBodySchema } from '../../../../shared/api/invitations';
import { apiRequest } from '../../../lib/api-client';
import { useSetSession } from '../../../lib/session';

export type AcceptInvitationInput = z.input<typeof acceptInvitationBodySchema>;

export function useAcceptInvitation() {
  const setSession = useSetSession();
  return useMutation({
    mutationFn: (input: AcceptInvitationInput) =>
      apiRequest('/api/invitations/accept', { method: 'POST', body: input, schema: sessionInfoSchema }),
    onSuccess: setSession,
  });
}
