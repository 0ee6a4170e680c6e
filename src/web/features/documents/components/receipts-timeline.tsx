import { Text, Timeline } from '@mantine/core';
import { IconDownload, IconEye } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail } from '../../../../shared/api/documents';
import { DateText } from '../../../components/date-text';

type Receipt = DocumentDetail['receipts'][number];

/** Who opened or downloaded the document, newest first: the agency's proof of delivery. */
export function ReceiptsTimeline({ receipts }: { receipts: readonly Receipt[] }) {
  const { t } = useTranslation();
  const sorted = [...receipts].sort((a, b) => b.at.getTime() - a.at.getTime());
  return (
    <Timeline bulletSize={28} lineWidth={2} active={sorted.length}>
      {sorted.map((receipt, index) => {
        const Icon = receipt.kind === 'opened' ? IconEye : IconDownload;
        const who = receipt.role
          ? `${receipt.userName} (${t(`common.roles.${receipt.role}`)})`
          : receipt.userName;
        return (
          <Timeline.Item
            key={`${receipt.at.toISOString()}-${String(index)}`}
            bullet={<Icon size={14} aria-hidden />}
            title={
              receipt.kind === 'opened'
                ? t('documents.receipts.opened', { who })
                : t('documents.receipts.downloaded', { who, file: receipt.fileName ?? '' })
            }
          >
            <Text size="sm" c="dimmed">
              <DateText value={receipt.at} withTime />
              {receipt.ip ? ` · ${t('documents.receipts.ip', { ip: receipt.ip })}` : ''}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
