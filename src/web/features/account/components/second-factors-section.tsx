import { ActionIcon, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceMobile, IconFingerprint, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../../shared/api/account';
import { useConfirm } from '../../../components/confirm-modal';
import { DateText } from '../../../components/date-text';
import { ErrorAlert } from '../../../components/error-alert';
import { SectionCard } from '../../../components/section-card';
import { useRemoveSecondFactor } from '../api/remove-second-factor';
import { AddSecondFactorModal, type FactorKind } from './add-second-factor-modal';

export function SecondFactorsSection({ account }: { account: Account }) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const remove = useRemoveSecondFactor();
  const [adding, setAdding] = useState<FactorKind | null>(null);

  return (
    <SectionCard
      title={t('account.factors.title')}
      description={t('account.factors.description')}
      actions={
        <>
          <Button
            variant="default"
            leftSection={<IconDeviceMobile size={16} aria-hidden />}
            onClick={() => {
              setAdding('totp');
            }}
          >
            {t('account.factors.addTotp')}
          </Button>
          <Button
            variant="default"
            leftSection={<IconFingerprint size={16} aria-hidden />}
            onClick={() => {
              setAdding('passkey');
            }}
          >
            {t('account.factors.addPasskey')}
          </Button>
        </>
      }
    >
      {remove.isError && <ErrorAlert error={remove.error} focusOnShow />}
      <Table.ScrollContainer minWidth={560}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('account.factors.name')}</Table.Th>
              <Table.Th scope="col">{t('account.factors.added')}</Table.Th>
              <Table.Th scope="col">{t('account.factors.lastUsed')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('team.columns.actions')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {account.secondFactors.map((factor) => (
              <Table.Tr key={factor.id}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {factor.kind === 'totp' ? (
                      <IconDeviceMobile size={18} aria-hidden />
                    ) : (
                      <IconFingerprint size={18} aria-hidden />
                    )}
                    <Stack gap={0}>
                      <Text size="sm" fw={600}>
                        {factor.label}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`account.factors.kind.${factor.kind}`)}
                      </Text>
                    </Stack>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <DateText value={factor.createdAt} />
                </Table.Td>
                <Table.Td>
                  {factor.lastUsedAt ? (
                    <DateText value={factor.lastUsedAt} withTime />
                  ) : (
                    t('account.factors.never')
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  <Tooltip label={t('account.factors.remove', { name: factor.label })}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('account.factors.remove', { name: factor.label })}
                      onClick={() => {
                        confirm({
                          title: t('account.factors.removeTitle'),
                          message: t('account.factors.removeText', { name: factor.label }),
                          confirmLabel: t('common.delete'),
                          isDanger: true,
                          onConfirm: () => {
                            remove.mutate(factor.id, {
                              onSuccess: () => {
                                notifications.show({
                                  message: t('account.factors.removed', { name: factor.label }),
                                });
                              },
                            });
                          },
                        });
                      }}
                    >
                      <IconTrash size={18} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <AddSecondFactorModal
        kind={adding}
        onClose={() => {
          setAdding(null);
        }}
      />
    </SectionCard>
  );
}
