import { Button, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useConfirm } from '../../../components/confirm-modal';
import { DateText } from '../../../components/date-text';
import { ErrorAlert } from '../../../components/error-alert';
import { QueryState } from '../../../components/query-state';
import { useDeleteAgentCode } from '../api/delete-agent-code';
import { useAgentCodes } from '../api/get-agent-codes';
import { AgentCodeForm } from './agent-code-form';

type AgentCodesSectionProps =
  | { insurerId: string; collaboratorId?: undefined; isReadOnly?: boolean }
  | { collaboratorId: string; insurerId?: undefined; isReadOnly?: boolean };

/** The codes of one insurer or of one collaborator, with adding and removing. */
export function AgentCodesSection(props: AgentCodesSectionProps) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const remove = useDeleteAgentCode();
  const isForInsurer = props.insurerId !== undefined;
  const codes = useAgentCodes(
    isForInsurer ? { insurerId: props.insurerId } : { collaboratorId: props.collaboratorId },
  );
  return (
    <Stack gap="md">
      {remove.isError && <ErrorAlert error={remove.error} focusOnShow />}
      <QueryState query={codes}>
        {(list) =>
          list.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('agentCodes.empty')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={480}>
              <Table striped aria-label={t('agentCodes.tableLabel')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('agentCodes.code')}</Table.Th>
                    <Table.Th scope="col">
                      {isForInsurer ? t('agentCodes.collaborator') : t('agentCodes.insurer')}
                    </Table.Th>
                    <Table.Th scope="col">{t('agentCodes.addedAt')}</Table.Th>
                    {!props.isReadOnly && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((code) => (
                    <Table.Tr key={code.id}>
                      <Table.Td className="code-text">{code.code}</Table.Td>
                      <Table.Td>{isForInsurer ? code.collaboratorName : code.insurerName}</Table.Td>
                      <Table.Td>
                        <DateText value={code.createdAt} />
                      </Table.Td>
                      {!props.isReadOnly && (
                        <Table.Td>
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            leftSection={<IconTrash size={14} aria-hidden />}
                            aria-label={t('agentCodes.removeLabel', { code: code.code })}
                            onClick={() => {
                              confirm({
                                title: t('agentCodes.removeTitle', { code: code.code }),
                                message: t('agentCodes.removeText', {
                                  code: code.code,
                                  insurer: code.insurerName,
                                  name: code.collaboratorName,
                                }),
                                confirmLabel: t('agentCodes.removeConfirm'),
                                isDanger: true,
                                onConfirm: () => {
                                  remove.mutate(code.id, {
                                    onSuccess: () => {
                                      notifications.show({
                                        message: t('agentCodes.removed', { code: code.code }),
                                      });
                                    },
                                  });
                                },
                              });
                            }}
                          >
                            {t('common.remove')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      {!props.isReadOnly &&
        (isForInsurer ? (
          <AgentCodeForm insurerId={props.insurerId} />
        ) : (
          <AgentCodeForm collaboratorId={props.collaboratorId} />
        ))}
    </Stack>
  );
}
