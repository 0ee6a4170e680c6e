import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { agencySchema, type agencyUpdateSchema } from '../../../../shared/api/agency';
import { apiRequest } from '../../../lib/api-client';
import { sessionQueryKey } from '../../../lib/session';
import { agencyQueryKey } from './get-agency';

export type AgencyUpdate = z.input<typeof agencyUpdateSchema>;

export function useUpdateAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AgencyUpdate) =>
      apiRequest('/api/agency', { method: 'PATCH', body: input, schema: agencySchema }),
    onSuccess: (agency) => {
      queryClient.setQueryData(agencyQueryKey, agency);
      // The header shows the agency's name from the session.
      void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
}
