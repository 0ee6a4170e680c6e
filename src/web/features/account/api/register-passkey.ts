import { useMutation, useQueryClient } from '@tanstack/react-query';
import { enrolmentResultSchema } from '../../../../shared/api/account';
import { webauthnOptionsSchema } from '../../../../shared/api/auth';
import { apiRequest } from '../../../lib/api-client';
import { createPasskey } from '../../../lib/webauthn';
import { accountQueryKey } from './get-account';

export async function registerPasskey(label: string) {
  const options = await apiRequest('/api/account/passkeys/options', {
    method: 'POST',
    schema: webauthnOptionsSchema,
  });
  const response = await createPasskey(options);
  return apiRequest('/api/account/passkeys', {
    method: 'POST',
    body: { response, ...(label.trim() ? { label: label.trim() } : {}) },
    schema: enrolmentResultSchema,
  });
}

export function useRegisterPasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: registerPasskey,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: accountQueryKey });
    },
  });
}
