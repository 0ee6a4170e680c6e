import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { revokedCountSchema, type changePasswordBodySchema } from '../../../../shared/api/account';
import { apiRequest } from '../../../lib/api-client';

export type ChangePasswordInput = z.input<typeof changePasswordBodySchema>;

/** Answers with how many other sessions the new password ended. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) =>
      apiRequest('/api/account/password', { method: 'POST', body: input, schema: revokedCountSchema }),
  });
}
