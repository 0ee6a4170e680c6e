import { useMutation } from '@tanstack/react-query';
import { sessionInfoSchema } from '../../../../shared/api/auth';
import { apiRequest } from '../../../lib/api-client';
import { useSetSession } from '../../../lib/session';

export function verifyTotp(code: string) {
  return apiRequest('/api/auth/second-factor/totp', {
    method: 'POST',
    body: { code },
    schema: sessionInfoSchema,
  });
}

export function useVerifyTotp() {
  const setSession = useSetSession();
  return useMutation({ mutationFn: verifyTotp, onSuccess: setSession });
}
