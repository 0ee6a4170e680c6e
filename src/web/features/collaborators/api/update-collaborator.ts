import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { collaboratorSchema, type collaboratorUpdateSchema } from '../../../../shared/api/collaborators';
import { apiRequest } from '../../../lib/api-client';
import { statementsQueryKey } from '../../statements/api/get-statement';
import { collaboratorsQueryKey } from './get-collaborators';

export type CollaboratorUpdate = z.input<typeof collaboratorUpdateSchema>;

export function useUpdateCollaborator(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CollaboratorUpdate) =>
      apiRequest(`/api/collaborators/${id}`, { method: 'PATCH', body: input, schema: collaboratorSchema }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: collaboratorsQueryKey });
      // A statement says which document the payment needs, by the collaborator's tax mode.
      void queryClient.invalidateQueries({ queryKey: statementsQueryKey });
    },
  });
}
