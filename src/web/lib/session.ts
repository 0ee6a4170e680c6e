import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { sessionResponseSchema, type SessionInfo } from '../../shared/api/auth';
import { apiRequest } from './api-client';
import { reportSessionLost } from './session-events';

export type Session = z.output<typeof sessionResponseSchema>;

export const sessionQueryKey = ['session'] as const;

export const anonymousSession: Session = { state: 'anonymous' };

function createSessionQuery(queryClient: QueryClient) {
  return async (): Promise<Session> => {
    const previous = queryClient.getQueryData<Session>(sessionQueryKey);
    const session = await apiRequest('/api/auth/session', { schema: sessionResponseSchema });
    // The server dropped a session this tab still showed: it ran out while the person was away.
    if (previous && previous.state !== 'anonymous' && session.state === 'anonymous') {
      reportSessionLost('expired');
    }
    return session;
  };
}

export function useSession() {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: createSessionQuery(queryClient),
    staleTime: 60_000,
    retry: 1,
  });
}

/** Writes the session a login, setup, enrolment or switch returned, so that guards react at once. */
export function useSetSession(): (session: Session) => void {
  const queryClient = useQueryClient();
  return (session) => {
    queryClient.setQueryData(sessionQueryKey, session);
  };
}

/** The session inside the signed-in shells, where a guard has already checked it. */
export function useActiveSession(): SessionInfo {
  const { data } = useSession();
  if (!data || data.state !== 'active') {
    throw new Error('useActiveSession outside an active session');
  }
  return data;
}

/** Where a person in this state belongs. */
export function homePathOf(session: Session): string {
  switch (session.state) {
    case 'anonymous':
      return '/login';
    case 'second_factor_required':
      return '/login/2fa';
    case 'enrolment_required':
      return '/enrol';
    case 'active':
      if (!session.agency) {
        return '/no-agency';
      }
      return session.agency.role === 'collaborator' ? '/panel' : '/';
  }
}
