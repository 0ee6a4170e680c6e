import { useMutation } from '@tanstack/react-query';
import { sessionInfoSchema, webauthnOptionsSchema } from '../../../../shared/api/auth';
import { apiRequest } from '../../../lib/api-client';
import { useSetSession } from '../../../lib/session';
import { authenticateWithPasskey } from '../../../lib/webauthn';

/** Options from the server, the browser's passkey dialog, then the signed answer back. */
export async function verifyPasskey() {
  const options = await apiRequest('/api/auth/second-factor/passkey/options', {
    method: 'POST',
    schema: webauthnOptionsSchema,
  });
  const response = await authenticateWithPasskey(options);
  return apiRequest('/api/auth/second-factor/passkey', {
    method: 'POST',
    body: { response },
    schema: sessionInfoSchema,
  });
}

export function useVerifyPasskey() {
  const setSession = useSetSession();
  return useMutation({ mutationFn: verifyPasskey, onSuccess: setSession });
}
