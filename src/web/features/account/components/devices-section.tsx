import { Button } from '@mantine/core';
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
import { AccessList } from './access-list';

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
            <AccessList
              label={t('account.devices.title')}
              items={list.map((device) => ({
                id: device.id,
                title: device.label,
                isCurrent: device.current,
                facts: [
                  { label: t('account.devices.firstSeen'), value: <DateText value={device.firstSeenAt} /> },
                  {
                    label: t('account.devices.lastSeen'),
                    value: <DateText value={device.lastSeenAt} withTime />,
                  },
                ],
                action: (
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
                ),
              }))}
            />
          )
        }
      </QueryState>
    </SectionCard>
  );
}
