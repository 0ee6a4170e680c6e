import { useMutation } from '@tanstack/react-query';
import { recoveryLoginResponseSchema } from '../../../../shared/api/auth';
import { apiRequest } from '../../../lib/api-client';

export function verifyRecoveryCode(code: string) {
  return apiRequest('/api/auth/second-factor/recovery-code', {
    method: 'POST',
    body: { code },
    schema: recoveryLoginResponseSchema,
  });
}

/** The caller stores the session once it has told the person how many codes remain. */
export function useVerifyRecoveryCode() {
  return useMutation({ mutationFn: verifyRecoveryCode });
}
