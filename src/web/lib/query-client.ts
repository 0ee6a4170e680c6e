import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-error';
import { anonymousSession, sessionQueryKey, type Session } from './session';
import { reportSessionLost } from './session-events';

/**
 * Errors that mean "you are no longer where you were" are handled once, here: an ended session
 * sends the person to the login page, a missing second factor back to its step.
 */
function handleAccessError(queryClient: QueryClient, error: unknown): void {
  if (!isApiError(error)) {
    return;
  }
  if (error.code === 'session_expired' || error.code === 'unauthenticated') {
    // Requests in flight fail one after another; the first says why (expired), the rest only
    // that the cookie is gone.
    if (queryClient.getQueryData<Session>(sessionQueryKey)?.state === 'anonymous') {
      return;
    }
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
    queryClient.setQueryData(sessionQueryKey, anonymousSession);
    reportSessionLost(error.code === 'session_expired' ? 'expired' : 'signed_out');
  } else if (error.code === 'second_factor_required' || error.code === 'second_factor_enrolment_required') {
    void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
  }
}

function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status > 0 && error.status < 500) {
    return false;
  }
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        handleAccessError(queryClient, error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        handleAccessError(queryClient, error);
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: true, staleTime: 15_000 },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
