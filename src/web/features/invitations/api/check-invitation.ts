import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  checkInvitationResponseSchema,
  type checkInvitationBodySchema,
} from '../../../../shared/api/invitations';
import { apiRequest } from '../../../lib/api-client';

export type CheckInvitationInput = z.input<typeof checkInvitationBodySchema>;

/** Who invites whom, before the person sets a password; nothing is used up yet. */
export function useCheckInvitation() {
  return useMutation({
    mutationFn: (input: CheckInvitationInput) =>
      apiRequest('/api/invitations/check', {
        method: 'POST',
        body: input,
        schema: checkInvitationResponseSchema,
      }),
  });
}
