import { useMutation, useQueryClient } from '@tanstack/react-query';
import { collaboratorSchema } from '../../../../shared/api/collaborators';
import { apiRequest } from '../../../lib/api-client';
import { collaboratorsQueryKey } from './get-collaborators';

/** Ends the collaborator's access at once: membership, sessions and open invitations. */
export function useArchiveCollaborator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest(`/api/collaborators/${id}/archive`, { method: 'POST', schema: collaboratorSchema }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: collaboratorsQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}
