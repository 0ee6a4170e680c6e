import { useMutation, useQueryClient } from '@tanstack/react-query';
import { collaboratorSchema, type CollaboratorInput } from '../../../../shared/api/collaborators';
import { apiRequest } from '../../../lib/api-client';
import { collaboratorsQueryKey } from './get-collaborators';

export function useCreateCollaborator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CollaboratorInput) =>
      apiRequest('/api/collaborators', { method: 'POST', body: input, schema: collaboratorSchema }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: collaboratorsQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}
