import { Badge, Button, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useConfirm } from '../../../components/confirm-modal';
import { DateText } from '../../../components/date-text';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { QueryState } from '../../../components/query-state';
import { SectionCard } from '../../../components/section-card';
import { useForgetDevice } from '../api/forget-device';
import { useDevices } from '../api/get-devices';

/** Browsers Sejf recognises; a login from any other one sends a "new device" e-mail. */
export function DevicesSection() {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const devices = useDevices();
  const forget = useForgetDevice();
  return (
    <SectionCard title={t('account.devices.title')} description={t('account.devices.description')}>
      {forget.isError && <ErrorAlert error={forget.error} focusOnShow />}
      <QueryState query={devices}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState headingOrder={3} title={t('account.devices.empty')} />
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('account.sessions.device')}</Table.Th>
                    <Table.Th scope="col">{t('account.devices.firstSeen')}</Table.Th>
                    <Table.Th scope="col">{t('account.devices.lastSeen')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('team.columns.actions')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((device) => (
                    <Table.Tr key={device.id}>
                      <Table.Td>
                        <Text size="sm" fw={600} span>
                          {device.label}
                        </Text>{' '}
                        {device.current && (
                          <Badge color="green" variant="light" radius="sm" style={{ textTransform: 'none' }}>
                            {t('account.sessions.current')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <DateText value={device.firstSeenAt} />
                      </Table.Td>
                      <Table.Td>
                        <DateText value={device.lastSeenAt} withTime />
                      </Table.Td>
                      <Table.Td ta="right">
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={t('account.devices.forgetLabel', { device: device.label })}
                          onClick={() => {
                            confirm({
                              title: t('account.devices.forgetTitle'),
                              message: t('account.devices.forgetText'),
                              confirmLabel: t('account.devices.forget'),
                              onConfirm: () => {
                                forget.mutate(device.id, {
                                  onSuccess: () => {
                                    notifications.show({ message: t('account.devices.forgotten') });
                                  },
                                });
                              },
                            });
                          }}
                        >
                          {t('account.devices.forget')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </SectionCard>
  );
}
