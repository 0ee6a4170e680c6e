import { Alert, List, Stack, Text } from '@mantine/core';
import { IconArrowsDiff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { StatementDetail } from '../../../../shared/api/statements';
import { formatAmount } from '../../../../shared/money';

type Diff = NonNullable<StatementDetail['diff']>;

/** What a corrected version changed against the previous one, line by line, in plain words. */
export function DiffBox({ diff, headingOrder = 2 }: { diff: Diff; headingOrder?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingOrder === 2 ? 'h2' : 'h3';
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconArrowsDiff aria-hidden />}
      title={
        <Heading style={{ margin: 0, fontSize: 'inherit' }}>
          {t('statements.diff.title', { version: diff.previousVersion })}
        </Heading>
      }
    >
      <Stack gap="xs">
        <Text size="sm">
          {t('statements.diff.amountDue', {
            before: formatAmount(diff.amountDueBefore),
            after: formatAmount(diff.amountDueAfter),
          })}
        </Text>
        {diff.changedLines.length > 0 && (
          <List size="sm" spacing={4}>
            {diff.changedLines.map((line) => (
              <List.Item key={line.lineId}>
                {t('statements.diff.line', {
                  policy: line.policyNumber,
                  before: formatAmount(line.before),
                  after: formatAmount(line.after),
                  reason: line.reason,
                })}
              </List.Item>
            ))}
          </List>
        )}
        {diff.addedAdjustments.length > 0 && (
          <List size="sm" spacing={4}>
            {diff.addedAdjustments.map((adjustment, index) => (
              <List.Item key={`${adjustment.reason}-${String(index)}`}>
                {t('statements.diff.adjustment', {
                  amount: formatAmount(adjustment.amount),
                  reason: adjustment.reason,
                })}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Alert>
  );
}
