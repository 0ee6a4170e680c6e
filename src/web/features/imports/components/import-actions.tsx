import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportDetail } from '../../../../shared/api/imports';
import { formatAmount } from '../../../../shared/money';
import { useConfirm } from '../../../components/confirm-modal';
import { ErrorAlert } from '../../../components/error-alert';
import { useCommitImport } from '../api/commit-import';

/** Commit, refused with the reason while rows have errors or nothing was read. */
export function CommitImport({ detail }: { detail: ImportDetail }) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const commit = useCommitImport(detail.id);
  const blocked =
    detail.errorCount > 0
      ? t('imports.commitBlockedErrors', { count: detail.errorCount })
      : detail.lineCount === 0
        ? t('imports.commitBlockedEmpty')
        : null;
  return (
    <Stack gap="xs">
      {commit.isError && <ErrorAlert error={commit.error} focusOnShow />}
      <Group gap="md" align="center">
        <Button
          size="md"
          leftSection={<IconCheck size={18} aria-hidden />}
          disabled={blocked !== null}
          aria-describedby={blocked ? 'commit-blocked' : undefined}
          loading={commit.isPending}
          onClick={() => {
            confirm({
              title: t('imports.commitTitle'),
              message: t('imports.commitText', {
                count: detail.lineCount,
                amount: formatAmount(detail.commissionTotal),
                insurer: detail.insurerName,
              }),
              confirmLabel: t('imports.commit'),
              onConfirm: () => {
                commit.mutate(undefined, {
                  onSuccess: (saved) => {
                    notifications.show({
                      color: 'teal',
                      message: t('imports.committed', { count: saved.lineCount }),
                    });
                  },
                });
              },
            });
          }}
        >
          {t('imports.commit')}
        </Button>
        {blocked && (
          <Text size="sm" c="red.9" id="commit-blocked">
            {blocked}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
