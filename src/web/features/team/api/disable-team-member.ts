import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';
import { teamQueryKey } from './get-team';

/** Ends the member's access to this agency at once. */
export function useDisableTeamMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (membershipId: string) => apiSend(`/api/team/${membershipId}/disable`, { method: 'POST' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: teamQueryKey });
    },
  });
}
