import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportStatus } from '../../../../shared/api/imports';

const colors: Record<ImportStatus, string> = {
  uploading: 'gray',
  uploaded: 'orange',
  parsing: 'sejf',
  parsed: 'yellow',
  failed: 'red',
  committed: 'green',
  discarded: 'gray',
};

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[status]} variant="light" radius="sm" style={{ textTransform: 'none' }}>
      {t(`imports.status.${status}`)}
    </Badge>
  );
}
