import { useMutation, useQueryClient } from '@tanstack/react-query';
import { recoveryCodesSchema } from '../../../../shared/api/account';
import { apiRequest } from '../../../lib/api-client';
import { accountQueryKey } from './get-account';

/** New codes replace all the old ones; the answer is the only time they are shown. */
export function useRegenerateRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (password: string) =>
      apiRequest('/api/account/recovery-codes', {
        method: 'POST',
        body: { password },
        schema: recoveryCodesSchema,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: accountQueryKey });
    },
  });
}
