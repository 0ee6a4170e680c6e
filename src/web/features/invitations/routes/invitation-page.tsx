import { Alert, Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { IconBuilding } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { AuthLayout } from '../../../components/layouts/auth-layout';
import { homePathOf } from '../../../lib/session';
import { usePageTitle } from '../../../lib/use-page-title';
import { AcceptInvitationForm } from '../components/accept-invitation-form';
import { CheckInvitationForm, type CheckedInvitation } from '../components/check-invitation-form';

/** Joining an agency with the code from the invitation e-mail; the code never travels in a URL. */
export function InvitationPage() {
  const { t } = useTranslation();
  usePageTitle(t('invitation.title'));
  const navigate = useNavigate();
  const [invitation, setInvitation] = useState<CheckedInvitation | null>(null);

  return (
    <AuthLayout>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} size="h2" data-page-heading tabIndex={-1}>
            {t('invitation.title')}
          </Title>
          <Text c="dimmed">{invitation ? t('invitation.step2Subtitle') : t('invitation.subtitle')}</Text>
        </Stack>
        {invitation && (
          <Alert
            color="sejf"
            variant="light"
            icon={<IconBuilding aria-hidden />}
            title={t('invitation.toAgency', { agency: invitation.agencyName })}
          >
            {t('invitation.forPerson', {
              name: invitation.fullName,
              role: t(`common.roles.${invitation.role}`),
            })}
          </Alert>
        )}
        <Paper withBorder p="lg" radius="md">
          {invitation ? (
            <Stack gap="md">
              <AcceptInvitationForm
                invitation={invitation}
                onAccepted={(session) => {
                  void navigate(homePathOf(session), { replace: true });
                }}
              />
              <Button
                variant="subtle"
                w="fit-content"
                onClick={() => {
                  setInvitation(null);
                }}
              >
                {t('invitation.otherCode')}
              </Button>
            </Stack>
          ) : (
            <CheckInvitationForm onChecked={setInvitation} />
          )}
        </Paper>
        <Anchor component={Link} to="/login">
          {t('invitation.haveAccount')}
        </Anchor>
      </Stack>
    </AuthLayout>
  );
}
