import { useMutation, useQueryClient } from '@tanstack/react-query';
import { invitationSchema } from '../../../../shared/api/invitations';
import { apiRequest } from '../../../lib/api-client';
import { collaboratorsQueryKey } from './get-collaborators';

export function useInviteCollaborator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest(`/api/collaborators/${id}/invitation`, { method: 'POST', schema: invitationSchema }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: collaboratorsQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      void queryClient.invalidateQueries({ queryKey: ['dev-outbox'] });
    },
  });
}
