import { useMutation, useQueryClient } from '@tanstack/react-query';
import { insurerSchema } from '../../../../shared/api/insurers';
import { apiRequest } from '../../../lib/api-client';
import { insurersQueryKey } from './get-insurers';

export function useCreateInsurer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      apiRequest('/api/insurers', { method: 'POST', body: { name }, schema: insurerSchema }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: insurersQueryKey });
    },
  });
}
