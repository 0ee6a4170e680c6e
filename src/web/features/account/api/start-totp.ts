import { useMutation } from '@tanstack/react-query';
import { totpEnrolmentSchema } from '../../../../shared/api/account';
import { apiRequest } from '../../../lib/api-client';

/** A new, unconfirmed authenticator: its secret and QR code, shown once. */
export function useStartTotp() {
  return useMutation({
    mutationFn: () => apiRequest('/api/account/totp', { method: 'POST', schema: totpEnrolmentSchema }),
  });
}
