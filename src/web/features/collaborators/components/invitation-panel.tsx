import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMail } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Collaborator } from '../../../../shared/api/collaborators';
import { formatDateTime } from '../../../../shared/format';
import { useConfirm } from '../../../components/confirm-modal';
import { ErrorAlert } from '../../../components/error-alert';
import { useAppConfig } from '../../../lib/app-config';
import { useLocale } from '../../../lib/i18n';
import { useResendInvitation } from '../../invitations/api/resend-invitation';
import { useRevokeInvitation } from '../../invitations/api/revoke-invitation';
import { useInviteCollaborator } from '../api/invite-collaborator';
import { displayStatusOf } from './collaborator-status-badge';

/** Where the collaborator stands with access to Sejf, and the one next step. */
export function InvitationPanel({ collaborator }: { collaborator: Collaborator }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const confirm = useConfirm();
  const config = useAppConfig();
  const invite = useInviteCollaborator();
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const status = displayStatusOf(collaborator);
  const invitation = collaborator.invitation;
  const error = invite.error ?? resend.error ?? revoke.error;

  const notifySent = (message: string) => {
    notifications.show({
      color: 'teal',
      title: message,
      message: config.data?.devOutbox ? t('collaborators.invitation.devOutboxHint') : undefined,
    });
  };

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="invitation-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="invitation-heading">
          {t('collaborators.invitation.title')}
        </Title>
        {error && <ErrorAlert error={error} focusOnShow />}
        {status === 'not_invited' && (
          <>
            <Text>{t('collaborators.invitation.notInvited')}</Text>
            <Button
              w="fit-content"
              leftSection={<IconMail size={18} aria-hidden />}
              loading={invite.isPending}
              onClick={() => {
                invite.mutate(collaborator.id, {
                  onSuccess: () => {
                    notifySent(t('collaborators.invitation.sent', { email: collaborator.email }));
                  },
                });
              }}
            >
              {t('collaborators.invitation.invite')}
            </Button>
          </>
        )}
        {(status === 'invited' || status === 'expired') && invitation && (
          <>
            <Text>
              {status === 'expired'
                ? t('collaborators.invitation.expired', {
                    expiresAt: formatDateTime(invitation.expiresAt, locale),
                  })
                : t('collaborators.invitation.invited', {
                    sentAt: formatDateTime(invitation.lastSentAt, locale),
                    expiresAt: formatDateTime(invitation.expiresAt, locale),
                  })}{' '}
              {t('collaborators.invitation.sentCount', { count: invitation.sentCount })}
            </Text>
            <Group gap="sm">
              <Button
                variant={status === 'expired' ? 'filled' : 'default'}
                loading={resend.isPending}
                onClick={() => {
                  resend.mutate(invitation.id, {
                    onSuccess: () => {
                      notifySent(t('collaborators.invitation.resent', { email: collaborator.email }));
                    },
                  });
                }}
              >
                {t('collaborators.invitation.resend')}
              </Button>
              <Button
                variant="default"
                color="red"
                loading={revoke.isPending}
                onClick={() => {
                  confirm({
                    title: t('collaborators.invitation.revokeTitle'),
                    message: t('collaborators.invitation.revokeText'),
                    confirmLabel: t('collaborators.invitation.revokeConfirm'),
                    isDanger: true,
                    onConfirm: () => {
                      revoke.mutate(invitation.id, {
                        onSuccess: () => {
                          notifications.show({ message: t('collaborators.invitation.revoked') });
                        },
                      });
                    },
                  });
                }}
              >
                {t('collaborators.invitation.revoke')}
              </Button>
            </Group>
          </>
        )}
        {status === 'active' && <Text>{t('collaborators.invitation.active')}</Text>}
        {status === 'archived' && (
          <Alert color="gray" variant="light">
            {t('collaborators.detail.archivedNote')}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
