import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StatementStatus } from '../../../../shared/api/statements';

export const statementStatusColors: Record<StatementStatus, string> = {
  prepared: 'gray',
  published: 'sejf',
  accepted: 'teal',
  disputed: 'red',
  invoiced: 'grape',
  paid: 'green',
};

export function StatementStatusBadge({
  status,
  size = 'md',
}: {
  status: StatementStatus;
  size?: 'md' | 'lg';
}) {
  const { t } = useTranslation();
  return (
    <Badge
      color={statementStatusColors[status]}
      variant="light"
      radius="sm"
      size={size}
      style={{ textTransform: 'none', flexShrink: 0 }}
    >
      {t(`statements.status.${status}`)}
    </Badge>
  );
}
