import { useMutation, useQueryClient } from '@tanstack/react-query';
import { revokedCountSchema } from '../../../../shared/api/account';
import { apiRequest } from '../../../lib/api-client';
import { sessionsQueryKey } from './get-sessions';

/** "Log out everywhere else": this device stays signed in. */
export function useRevokeOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest('/api/account/sessions/revoke-all', {
        method: 'POST',
        body: { includeCurrent: false },
        schema: revokedCountSchema,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
    },
  });
}
