import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type LineType = 'standard' | 'correction' | 'storno';

/** Standard lines read as plain text; corrections and clawbacks stand out. */
export function LineTypeText({ lineType }: { lineType: LineType }) {
  const { t } = useTranslation();
  if (lineType === 'standard') {
    return <>{t('lineTypes.standard')}</>;
  }
  return (
    <Badge
      color={lineType === 'storno' ? 'red' : 'orange'}
      variant="light"
      radius="sm"
      style={{ textTransform: 'none' }}
    >
      {t(`lineTypes.${lineType}`)}
    </Badge>
  );
}
