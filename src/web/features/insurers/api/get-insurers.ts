import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { insurerSchema } from '../../../../shared/api/insurers';
import { apiRequest } from '../../../lib/api-client';

export const insurersQueryKey = ['insurers'] as const;

/** Every insurer of the agency, archived ones included (callers filter for pickers). */
export function useInsurers() {
  return useQuery({
    queryKey: insurersQueryKey,
    queryFn: () => apiRequest('/api/insurers', { schema: z.array(insurerSchema) }),
  });
}
