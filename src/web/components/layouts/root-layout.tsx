import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { Outlet, useNavigate } from 'react-router';
import { changeLocale } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { onSessionLost } from '../../lib/session-events';

/** Above every page: follows the session (ended elsewhere, timed out) and the account's language. */
export function RootLayout() {
  const navigate = useNavigate();
  const session = useSession();
  const activeLocale = session.data?.state === 'active' ? session.data.user.locale : null;

  useEffect(
    () =>
      onSessionLost(() => {
        notifications.clean();
        void navigate('/login', { replace: true });
      }),
    [navigate],
  );

  useEffect(() => {
    if (activeLocale !== null) {
      void changeLocale(activeLocale);
    }
  }, [activeLocale]);

  return <Outlet />;
}
