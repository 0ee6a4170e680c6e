import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportDetail } from '../../../../shared/api/imports';
import { MoneyText } from '../../../components/money-text';

function Stat({ label, value, tone }: { label: string; value: ReactNode; tone?: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={22} fw={700} className="tabular" c={tone}>
        {value}
      </Text>
    </Paper>
  );
}

/** What the file adds up to before it is committed: lines, commission, and what still needs work. */
export function ImportTotals({ detail }: { detail: ImportDetail }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm" role="list" aria-label={t('imports.totals.label')}>
      <div role="listitem">
        <Stat label={t('imports.totals.rows')} value={detail.rowsProcessed} />
      </div>
      <div role="listitem">
        <Stat label={t('imports.totals.lines')} value={detail.lineCount} />
      </div>
      <div role="listitem">
        <Stat
          label={t('imports.totals.commission')}
          value={<MoneyText grosze={detail.commissionTotal} fz={22} fw={700} />}
        />
      </div>
      <div role="listitem">
        <Stat
          label={t('imports.totals.errors')}
          value={detail.errorCount}
          tone={detail.errorCount > 0 ? 'red.9' : undefined}
        />
      </div>
      <div role="listitem">
        <Stat
          label={t('imports.totals.unmatched')}
          value={detail.unmatchedCount}
          tone={detail.unmatchedCount > 0 ? 'orange.9' : undefined}
        />
      </div>
    </SimpleGrid>
  );
}
