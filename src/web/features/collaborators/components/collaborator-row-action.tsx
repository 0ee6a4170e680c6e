import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { CollaboratorListItem } from '../../../../shared/api/collaborators';
import { useAppConfig } from '../../../lib/app-config';
import { useDescribeError } from '../../../lib/error-message';
import { useResendInvitation } from '../../invitations/api/resend-invitation';
import { useInviteCollaborator } from '../api/invite-collaborator';
import { displayStatusOf } from './collaborator-status-badge';

/** The one next step for a row: invite someone not invited, resend an expired invitation. */
export function CollaboratorRowAction({ collaborator }: { collaborator: CollaboratorListItem }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const config = useAppConfig();
  const invite = useInviteCollaborator();
  const resend = useResendInvitation();
  const status = displayStatusOf(collaborator);
  const notify = (title: string) => {
    notifications.show({
      color: 'teal',
      title,
      message: config.data?.devOutbox ? t('collaborators.invitation.devOutboxHint') : undefined,
    });
  };
  const onError = (error: unknown) => {
    notifications.show({ color: 'red', title: t('errors.title'), message: describe(error) });
  };

  if (status === 'not_invited') {
    return (
      <Button
        size="xs"
        variant="light"
        loading={invite.isPending}
        aria-label={t('collaborators.rowAction.invite', { name: collaborator.fullName })}
        onClick={() => {
          invite.mutate(collaborator.id, {
            onSuccess: () => {
              notify(t('collaborators.invitation.sent', { email: collaborator.email }));
            },
            onError,
          });
        }}
      >
        {t('dashboard.notInvitedAction')}
      </Button>
    );
  }
  const invitation = collaborator.invitation;
  if (status === 'expired' && invitation) {
    return (
      <Button
        size="xs"
        variant="light"
        loading={resend.isPending}
        aria-label={t('collaborators.rowAction.resend', { name: collaborator.fullName })}
        onClick={() => {
          resend.mutate(invitation.id, {
            onSuccess: () => {
              notify(t('collaborators.invitation.resent', { email: collaborator.email }));
            },
            onError,
          });
        }}
      >
        {t('collaborators.invitation.resend')}
      </Button>
    );
  }
  return null;
}
