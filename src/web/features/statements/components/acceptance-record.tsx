import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StatementDetail } from '../../../../shared/api/statements';
import { DateText } from '../../../components/date-text';
import { DetailList } from '../../../components/detail-list';

type Acceptance = NonNullable<StatementDetail['acceptance']>;

/** When, by whom, how and on which document (its SHA-256) the statement was accepted. */
export function AcceptanceRecord({ acceptance }: { acceptance: Acceptance }) {
  const { t } = useTranslation();
  return (
    <DetailList
      labelWidth={120}
      items={[
        { label: t('statements.acceptance.at'), value: <DateText value={acceptance.at} withTime /> },
        { label: t('statements.acceptance.by'), value: acceptance.byName },
        {
          label: t('statements.acceptance.method'),
          value: acceptance.method
            ? t(`statements.acceptance.methods.${acceptance.method}`, { defaultValue: acceptance.method })
            : t('common.none'),
        },
        ...(acceptance.ip ? [{ label: t('statements.acceptance.ip'), value: acceptance.ip }] : []),
        {
          label: t('statements.acceptance.sha256'),
          value: (
            <Text span size="xs" className="code-text" style={{ wordBreak: 'break-all' }}>
              {acceptance.sha256}
            </Text>
          ),
        },
      ]}
    />
  );
}
