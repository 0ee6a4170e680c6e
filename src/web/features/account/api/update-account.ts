import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { accountSchema, type updateAccountBodySchema } from '../../../../shared/api/account';
import { apiRequest } from '../../../lib/api-client';
import { sessionQueryKey } from '../../../lib/session';
import { accountQueryKey } from './get-account';

export type UpdateAccountInput = z.input<typeof updateAccountBodySchema>;

export function useUpdateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateAccountInput) =>
      apiRequest('/api/account', { method: 'PATCH', body: input, schema: accountSchema }),
    onSuccess: (account) => {
      queryClient.setQueryData(accountQueryKey, account);
      // The header shows the name from the session.
      void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
}
