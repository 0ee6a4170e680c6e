import { Badge, Button, Stack, Table, Text } from '@mantine/core';
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
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('account.sessions.device')}</Table.Th>
                  <Table.Th scope="col">{t('account.sessions.ip')}</Table.Th>
                  <Table.Th scope="col">{t('account.sessions.started')}</Table.Th>
                  <Table.Th scope="col">{t('account.sessions.lastActive')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('team.columns.actions')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((session) => (
                  <Table.Tr key={session.id}>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text size="sm" fw={600}>
                          {session.device}
                        </Text>
                        {session.current && (
                          <Badge
                            color="green"
                            variant="light"
                            radius="sm"
                            w="fit-content"
                            style={{ textTransform: 'none' }}
                          >
                            {t('account.sessions.current')}
                          </Badge>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td className="tabular">{session.ip ?? t('common.none')}</Table.Td>
                    <Table.Td>
                      <DateText value={session.createdAt} withTime />
                    </Table.Td>
                    <Table.Td>
                      <DateText value={session.lastSeenAt} withTime />
                    </Table.Td>
                    <Table.Td ta="right">
                      {!session.current && (
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
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </SectionCard>
  );
}
