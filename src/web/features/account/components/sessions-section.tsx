import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useConfirm } from '../../../components/confirm-modal';
import { DateText } from '../../../components/date-text';
import { ErrorAlert } from '../../../components/error-alert';
import { QueryState } from '../../../components/query-state';
import { SectionCard } from '../../../components/section-card';
import { useSessions } from '../api/get-sessions';
import { useRevokeOtherSessions } from '../api/revoke-other-sessions';
import { useRevokeSession } from '../api/revoke-session';
import { AccessList } from './access-list';

/** Where this account is signed in; any other session can be ended from here. */
export function SessionsSection() {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const revokeOthers = useRevokeOtherSessions();
  const error = revoke.error ?? revokeOthers.error;
  const hasOthers = (sessions.data ?? []).some((session) => !session.current);

  return (
    <SectionCard
      title={t('account.sessions.title')}
      description={t('account.sessions.description')}
      actions={
        hasOthers && (
          <Button
            variant="default"
            color="red"
            loading={revokeOthers.isPending}
            onClick={() => {
              confirm({
                title: t('account.sessions.revokeOthersTitle'),
                message: t('account.sessions.revokeOthersText'),
                confirmLabel: t('account.sessions.revokeOthers'),
                isDanger: true,
                onConfirm: () => {
                  revokeOthers.mutate(undefined, {
                    onSuccess: ({ revoked }) => {
                      notifications.show({
                        color: 'teal',
                        message: t('account.password.revoked', { count: revoked }),
                      });
                    },
                  });
                },
              });
            }}
          >
            {t('account.sessions.revokeOthers')}
          </Button>
        )
      }
    >
      {error && <ErrorAlert error={error} focusOnShow />}
      <QueryState query={sessions}>
        {(list) => (
          <AccessList
            label={t('account.sessions.title')}
            items={list.map((session) => ({
              id: session.id,
              title: session.device,
              isCurrent: session.current,
              facts: [
                { label: t('account.sessions.ip'), value: session.ip ?? t('common.none') },
                {
                  label: t('account.sessions.started'),
                  value: <DateText value={session.createdAt} withTime />,
                },
                {
                  label: t('account.sessions.lastActive'),
                  value: <DateText value={session.lastSeenAt} withTime />,
                },
              ],
              action: session.current ? undefined : (
                <Button
                  size="xs"
                  variant="default"
                  aria-label={t('account.sessions.revokeLabel', { device: session.device })}
                  loading={revoke.isPending && revoke.variables === session.id}
                  onClick={() => {
                    revoke.mutate(session.id, {
                      onSuccess: () => {
                        notifications.show({ message: t('account.sessions.revoked') });
                      },
                    });
                  }}
                >
                  {t('account.sessions.revoke')}
                </Button>
              ),
            }))}
          />
        )}
      </QueryState>
    </SectionCard>
  );
}
