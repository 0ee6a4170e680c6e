import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CollaboratorListItem } from '../../../../shared/api/collaborators';

export type DisplayStatus = 'not_invited' | 'invited' | 'expired' | 'active' | 'archived';

/** The status a person reads: an invitation that has run out is not "invited" any more. */
export function displayStatusOf(
  collaborator: Pick<CollaboratorListItem, 'status' | 'invitation'>,
): DisplayStatus {
  if (collaborator.status === 'invited' && collaborator.invitation?.isExpired) {
    return 'expired';
  }
  return collaborator.status;
}

const colors: Record<DisplayStatus, string> = {
  not_invited: 'orange',
  invited: 'sejf',
  expired: 'red',
  active: 'green',
  archived: 'gray',
};

export function CollaboratorStatusBadge({
  collaborator,
}: {
  collaborator: Pick<CollaboratorListItem, 'status' | 'invitation'>;
}) {
  const { t } = useTranslation();
  const status = displayStatusOf(collaborator);
  return (
    <Badge color={colors[status]} variant="light" radius="sm" style={{ textTransform: 'none' }}>
      {t(`collaborators.status.${status}`)}
    </Badge>
  );
}
