import { Button, Stack, Title } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { useInvitations } from '../../invitations/api/get-invitations';
import { useTeam } from '../api/get-team';
import { InviteStaffModal } from '../components/invite-staff-modal';
import { StaffInvitations } from '../components/staff-invitations';
import { TeamTable } from '../components/team-table';

/** The owner and the office: who has access, who is invited. */
export function TeamPage() {
  const { t } = useTranslation();
  const team = useTeam();
  const invitations = useInvitations('pending');
  const [isInviting, setIsInviting] = useState(false);
  return (
    <>
      <PageHeader
        title={t('team.title')}
        description={t('team.description')}
        actions={
          <Button
            leftSection={<IconUserPlus size={18} aria-hidden />}
            onClick={() => {
              setIsInviting(true);
            }}
          >
            {t('team.invite')}
          </Button>
        }
      />
      <Stack gap="xl">
        <section aria-labelledby="team-heading">
          <Title order={2} size="h3" id="team-heading" mb="sm">
            {t('team.members')}
          </Title>
          <QueryState query={team}>{(members) => <TeamTable members={members} />}</QueryState>
        </section>
        <section aria-labelledby="team-invitations-heading">
          <Title order={2} size="h3" id="team-invitations-heading" mb="sm">
            {t('team.pending')}
          </Title>
          <QueryState query={invitations}>
            {(list) => {
              const staff = list.filter((invitation) => invitation.role === 'staff');
              return staff.length === 0 ? (
                <EmptyState
                  headingOrder={3}
                  title={t('team.noPending')}
                  description={t('team.noPendingText')}
                />
              ) : (
                <StaffInvitations invitations={staff} />
              );
            }}
          </QueryState>
        </section>
      </Stack>
      <InviteStaffModal
        opened={isInviting}
        onClose={() => {
          setIsInviting(false);
        }}
      />
    </>
  );
}
