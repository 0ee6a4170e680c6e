import { useMutation, useQueryClient } from '@tanstack/react-query';
import { accountSchema } from '../../shared/api/account';
import { sessionInfoSchema } from '../../shared/api/auth';
import type { Locale } from '../../shared/api/common';
import { apiRequest, apiSend } from './api-client';
import { changeLocale } from './i18n';
import { anonymousSession, sessionQueryKey, useSession } from './session';
import { setLoginNotice } from './session-events';

/** Ends the session on the server and forgets everything this tab had loaded. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('/api/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setLoginNotice('logged_out');
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      queryClient.setQueryData(sessionQueryKey, anonymousSession);
    },
  });
}

export function useSwitchAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (agencyId: string) =>
      apiRequest('/api/auth/switch-agency', {
        method: 'POST',
        body: { agencyId },
        schema: sessionInfoSchema,
      }),
    onSuccess: (session) => {
      // Everything loaded so far belongs to the other agency.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      queryClient.setQueryData(sessionQueryKey, session);
    },
  });
}

/**
 * Changes the interface language at once; a signed-in person's choice is also saved on the
 * account (so e-mails and other devices follow), anyone else's on this device only.
 */
export function useChangeLanguage(): (locale: Locale) => void {
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  return (locale) => {
    void changeLocale(locale);
    if (session?.state !== 'active') {
      return;
    }
    queryClient.setQueryData(sessionQueryKey, { ...session, user: { ...session.user, locale } });
    apiRequest('/api/account', { method: 'PATCH', body: { locale }, schema: accountSchema }).then(
      (account) => {
        queryClient.setQueryData(['account'], account);
      },
      () => {
        // The language already changed on screen; the account keeps its old choice until next time.
      },
    );
  };
}
