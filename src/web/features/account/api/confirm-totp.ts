import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { enrolmentResultSchema, type confirmTotpBodySchema } from '../../../../shared/api/account';
import { apiRequest } from '../../../lib/api-client';
import { accountQueryKey } from './get-account';

export type ConfirmTotpInput = z.input<typeof confirmTotpBodySchema>;

export function useConfirmTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ConfirmTotpInput) =>
      apiRequest('/api/account/totp/confirm', { method: 'POST', body: input, schema: enrolmentResultSchema }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: accountQueryKey });
    },
  });
}
