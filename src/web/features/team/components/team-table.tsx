import { Badge, Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { teamMemberSchema } from '../../../../shared/api/invitations';
import { useConfirm } from '../../../components/confirm-modal';
import { DateText } from '../../../components/date-text';
import { ErrorAlert } from '../../../components/error-alert';
import { useActiveSession } from '../../../lib/session';
import { useDisableTeamMember } from '../api/disable-team-member';

type TeamMember = z.output<typeof teamMemberSchema>;

export function TeamTable({ members }: { members: readonly TeamMember[] }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const confirm = useConfirm();
  const disable = useDisableTeamMember();
  return (
    <>
      {disable.isError && <ErrorAlert error={disable.error} focusOnShow />}
      <Table.ScrollContainer minWidth={720}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('team.columns.name')}</Table.Th>
              <Table.Th scope="col">{t('team.columns.email')}</Table.Th>
              <Table.Th scope="col">{t('team.columns.role')}</Table.Th>
              <Table.Th scope="col">{t('team.columns.since')}</Table.Th>
              <Table.Th scope="col">{t('team.columns.status')}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t('team.columns.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((member) => {
              const canDisable =
                member.role === 'staff' && !member.disabledAt && member.userId !== session.user.id;
              return (
                <Table.Tr key={member.membershipId}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {member.fullName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{member.email}</Table.Td>
                  <Table.Td>{t(`common.roles.${member.role}`)}</Table.Td>
                  <Table.Td>
                    <DateText value={member.createdAt} />
                  </Table.Td>
                  <Table.Td>
                    {member.disabledAt ? (
                      <Badge color="gray" variant="light" radius="sm" style={{ textTransform: 'none' }}>
                        {t('team.disabledSince')} <DateText value={member.disabledAt} />
                      </Badge>
                    ) : (
                      <Badge color="green" variant="light" radius="sm" style={{ textTransform: 'none' }}>
                        {t('team.active')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {canDisable && (
                      <Button
                        size="xs"
                        variant="default"
                        color="red"
                        aria-label={t('team.disableLabel', { name: member.fullName })}
                        onClick={() => {
                          confirm({
                            title: t('team.disableTitle'),
                            message: t('team.disableText', { name: member.fullName }),
                            confirmLabel: t('team.disable'),
                            isDanger: true,
                            onConfirm: () => {
                              disable.mutate(member.membershipId, {
                                onSuccess: () => {
                                  notifications.show({
                                    message: t('team.disabled', { name: member.fullName }),
                                  });
                                },
                              });
                            },
                          });
                        }}
                      >
                        {t('team.disable')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
