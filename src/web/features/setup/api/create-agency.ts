import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { setupResponseSchema, type setupBodySchema } from '../../../../shared/api/agency';
import { apiRequest } from '../../../lib/api-client';
import { useSetSession } from '../../../lib/session';

export type SetupInput = z.input<typeof setupBodySchema>;

/** Creates the first agency and its owner; the answer is the owner's session, waiting for enrolment. */
export function createAgency(input: SetupInput) {
  return apiRequest('/api/setup', { method: 'POST', body: input, schema: setupResponseSchema });
}

export function useCreateAgency() {
  const setSession = useSetSession();
  return useMutation({ mutationFn: createAgency, onSuccess: setSession });
}
