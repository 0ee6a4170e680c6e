import { Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Invitation } from '../../../../shared/api/invitations';
import { useConfirm } from '../../../components/confirm-modal';
import { DateText } from '../../../components/date-text';
import { ErrorAlert } from '../../../components/error-alert';
import { useResendInvitation } from '../../invitations/api/resend-invitation';
import { useRevokeInvitation } from '../../invitations/api/revoke-invitation';

/** Office invitations not yet accepted, with resend and cancel. */
export function StaffInvitations({ invitations }: { invitations: readonly Invitation[] }) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const error = resend.error ?? revoke.error;
  return (
    <>
      {error && <ErrorAlert error={error} focusOnShow />}
      <Table.ScrollContainer minWidth={720}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('team.columns.name')}</Table.Th>
              <Table.Th scope="col">{t('team.columns.email')}</Table.Th>
              <Table.Th scope="col">{t('team.columns.expires')}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t('team.columns.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invitations.map((invitation) => (
              <Table.Tr key={invitation.id}>
                <Table.Td>
                  <Text fw={600} size="sm">
                    {invitation.fullName}
                  </Text>
                </Table.Td>
                <Table.Td>{invitation.email}</Table.Td>
                <Table.Td>
                  <DateText value={invitation.expiresAt} withTime />
                  {invitation.status === 'expired' && (
                    <Text span c="red.9" size="sm">
                      {' '}
                      ({t('team.expired')})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('team.resendLabel', { email: invitation.email })}
                      loading={resend.isPending && resend.variables === invitation.id}
                      onClick={() => {
                        resend.mutate(invitation.id, {
                          onSuccess: () => {
                            notifications.show({
                              color: 'teal',
                              message: t('collaborators.invitation.resent', { email: invitation.email }),
                            });
                          },
                        });
                      }}
                    >
                      {t('collaborators.invitation.resend')}
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      color="red"
                      aria-label={t('team.revokeLabel', { email: invitation.email })}
                      onClick={() => {
                        confirm({
                          title: t('collaborators.invitation.revokeTitle'),
                          message: t('collaborators.invitation.revokeText'),
                          confirmLabel: t('collaborators.invitation.revokeConfirm'),
                          isDanger: true,
                          onConfirm: () => {
                            revoke.mutate(invitation.id, {
                              onSuccess: () => {
                                notifications.show({ message: t('collaborators.invitation.revoked') });
                              },
                            });
                          },
                        });
                      }}
                    >
                      {t('team.revoke')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
