import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconLockOpen, IconSend, IconSquareCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Period, PeriodSettlement } from '../../../../shared/api/periods';
import { formatAmount } from '../../../../shared/money';
import { useConfirm } from '../../../components/confirm-modal';
import { ErrorAlert } from '../../../components/error-alert';
import { useLocale } from '../../../lib/i18n';
import { periodLabel } from '../../../lib/period-label';
import { useClosePeriod } from '../api/close-period';
import { usePeriodStatements } from '../api/get-period-statements';
import { useLockPeriod } from '../api/lock-period';
import { usePublishPeriod } from '../api/publish-period';
import { ReopenModal } from './reopen-modal';

type PeriodActionsProps = {
  period: Period;
  settlement: PeriodSettlement | undefined;
  isOwner: boolean;
};

/** The period's next step, each confirmed and sent with the revision the person was looking at. */
export function PeriodActions({ period, settlement, isOwner }: PeriodActionsProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const confirm = useConfirm();
  const [isWaitingForDocuments, setIsWaitingForDocuments] = useState(false);
  const [isReopening, setIsReopening] = useState(false);
  const lock = useLockPeriod(period.id);
  const publish = usePublishPeriod(period.id, setIsWaitingForDocuments);
  const close = useClosePeriod(period.id);
  const label = periodLabel(period, locale);
  const collaboratorCount = settlement?.collaborators.length ?? period.statementCount;
  const error = lock.error ?? publish.error ?? close.error;
  const problemLines = settlement?.problems.reduce((sum, problem) => sum + problem.lineCount, 0) ?? 0;
  const statements = usePeriodStatements(period.id, period.status === 'published');
  const unpaid = (statements.data ?? []).filter((s) => s.amountDue > 0 && s.paidOn === null).length;
  const disputed = (statements.data ?? []).filter((s) => s.openDisputes > 0).length;

  return (
    <Stack gap="sm">
      {error && <ErrorAlert error={error} focusOnShow />}
      {isWaitingForDocuments && (
        <Alert color="sejf" variant="light" icon={<Loader size={18} aria-hidden />} role="status">
          {t('periods.actions.waitingForDocuments')}
        </Alert>
      )}
      <Group gap="sm">
        {period.status === 'open' && (
          <Button
            leftSection={<IconLock size={18} aria-hidden />}
            loading={lock.isPending}
            onClick={() => {
              confirm({
                title: t('periods.actions.lockTitle', { period: label }),
                message: (
                  <Stack gap="xs">
                    <Text size="sm">
                      {t('periods.actions.lockText', {
                        count: collaboratorCount,
                        amount: formatAmount(settlement?.totals.amountDue ?? 0),
                      })}
                    </Text>
                    {problemLines > 0 && (
                      <Text size="sm" c="red.9">
                        {t('periods.actions.lockProblems', { count: problemLines })}
                      </Text>
                    )}
                  </Stack>
                ),
                confirmLabel: t('periods.actions.lock'),
                onConfirm: () => {
                  lock.mutate(period.revision, {
                    onSuccess: () => {
                      notifications.show({ color: 'teal', message: t('periods.actions.locked') });
                    },
                  });
                },
              });
            }}
          >
            {t('periods.actions.lock')}
          </Button>
        )}
        {period.status === 'locked' && (
          <>
            <Button
              leftSection={<IconSend size={18} aria-hidden />}
              loading={publish.isPending}
              onClick={() => {
                confirm({
                  title: t('periods.actions.publishTitle', { period: label }),
                  message: t('periods.actions.publishText', { count: period.statementCount }),
                  confirmLabel: t('periods.actions.publish'),
                  onConfirm: () => {
                    publish.mutate(period.revision, {
                      onSuccess: () => {
                        notifications.show({ color: 'teal', message: t('periods.actions.published') });
                      },
                    });
                  },
                });
              }}
            >
              {t('periods.actions.publish')}
            </Button>
            {isOwner && (
              <Button
                variant="default"
                color="red"
                leftSection={<IconLockOpen size={18} aria-hidden />}
                disabled={publish.isPending}
                onClick={() => {
                  setIsReopening(true);
                }}
              >
                {t('periods.actions.reopen')}
              </Button>
            )}
          </>
        )}
        {period.status === 'published' && isOwner && (
          <Button
            leftSection={<IconSquareCheck size={18} aria-hidden />}
            loading={close.isPending}
            onClick={() => {
              confirm({
                title: t('periods.actions.closeTitle', { period: label }),
                message: t('periods.actions.closeText'),
                confirmLabel: t('periods.actions.close'),
                isDanger: true,
                onConfirm: () => {
                  close.mutate(period.revision, {
                    onSuccess: () => {
                      notifications.show({ color: 'teal', message: t('periods.actions.closed') });
                    },
                  });
                },
              });
            }}
          >
            {t('periods.actions.close')}
          </Button>
        )}
        {period.status === 'published' && (unpaid > 0 || disputed > 0) && (
          <Text size="sm" c="dimmed">
            {t('periods.actions.closeWaiting', { unpaid, disputed })}
          </Text>
        )}
      </Group>
      <ReopenModal
        period={period}
        opened={isReopening}
        onClose={() => {
          setIsReopening(false);
        }}
      />
    </Stack>
  );
}
