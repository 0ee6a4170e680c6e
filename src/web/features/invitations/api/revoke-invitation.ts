import { useMutation, useQueryClient } from '@tanstack/react-query';
import { invitationSchema } from '../../../../shared/api/invitations';
import { apiRequest } from '../../../lib/api-client';

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest(`/api/invitations/${id}/revoke`, { method: 'POST', schema: invitationSchema }),
    onSuccess: () => {
      for (const key of ['invitations', 'collaborators', 'dashboard']) {
        void queryClient.invalidateQueries({ queryKey: [key] });
      }
    },
  });
}
