import { useMutation, useQueryClient } from '@tanstack/react-query';
import { invitationSchema } from '../../../../shared/api/invitations';
import { apiRequest } from '../../../lib/api-client';

/** A new code with a fresh expiry; the old code stops working. */
export function useResendInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest(`/api/invitations/${id}/resend`, { method: 'POST', schema: invitationSchema }),
    onSuccess: () => {
      for (const key of ['invitations', 'collaborators', 'dashboard', 'dev-outbox']) {
        void queryClient.invalidateQueries({ queryKey: [key] });
      }
    },
  });
}
