import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { assignmentBodySchema } from '../../../../shared/api/imports';
import { apiRequest } from '../../../lib/api-client';
import { importsQueryKey } from './get-imports';

export type AssignmentInput = z.input<typeof assignmentBodySchema>;

/** Attributes lines with an agent code to a collaborator or to the agency, remembering the code if asked. */
export function useAssignLines() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AssignmentInput) =>
      apiRequest('/api/imports/assignments', {
        method: 'POST',
        body: input,
        schema: z.object({ assigned: z.number().int() }),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: importsQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['agent-codes'] });
      void queryClient.invalidateQueries({ queryKey: ['insurers'] });
      void queryClient.invalidateQueries({ queryKey: ['periods'] });
    },
  });
}
