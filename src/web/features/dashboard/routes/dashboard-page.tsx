import { Button, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconCircleCheck,
  IconClockExclamation,
  IconEyeOff,
  IconMail,
  IconSend,
  IconUserPlus,
  IconUserQuestion,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { useAppConfig } from '../../../lib/app-config';
import { useActiveSession } from '../../../lib/session';
import { DashboardSettlement } from '../../periods/components/dashboard-settlement';
import { useDashboard } from '../api/get-dashboard';

type WaitingItem = {
  key: string;
  count: number;
  text: string;
  action: string;
  to: string;
  icon: ComponentType<{ size?: number }>;
  color: string;
};

function WaitingRow({ item }: { item: WaitingItem }) {
  const Icon = item.icon;
  return (
    <Paper component="li" withBorder p="md" radius="md">
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Group gap="md" wrap="nowrap">
          <ThemeIcon size={40} radius="md" variant="light" color={item.color} aria-hidden>
            <Icon size={22} />
          </ThemeIcon>
          <Text fw={600}>{item.text}</Text>
        </Group>
        <Button component={Link} to={item.to} variant="light" style={{ flexShrink: 0 }}>
          {item.action}
        </Button>
      </Group>
    </Paper>
  );
}

/** What waits for the owner or the office, each with one way forward. */
export function DashboardPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const dashboard = useDashboard();
  const config = useAppConfig();
  const isOwner = session.agency?.role === 'owner';

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        description={session.agency?.name}
        actions={
          <>
            <Button
              component={Link}
              to="/collaborators?new=1"
              variant="default"
              leftSection={<IconUserPlus size={18} aria-hidden />}
            >
              {t('dashboard.addCollaborator')}
            </Button>
            <Button component={Link} to="/documents/new" leftSection={<IconSend size={18} aria-hidden />}>
              {t('dashboard.sendDocument')}
            </Button>
          </>
        }
      />
      <QueryState query={dashboard}>
        {(data) => {
          const items: WaitingItem[] = [
            {
              key: 'notInvited',
              count: data.collaborators.notInvited,
              text: t('dashboard.notInvited', { count: data.collaborators.notInvited }),
              action: t('dashboard.notInvitedAction'),
              to: '/collaborators?state=not_invited',
              icon: IconUserQuestion,
              color: 'orange',
            },
            {
              key: 'expired',
              count: data.expiredInvitations,
              text: t('dashboard.expired', { count: data.expiredInvitations }),
              action: t('dashboard.expiredAction'),
              to: '/collaborators?state=expired',
              icon: IconClockExclamation,
              color: 'red',
            },
            {
              key: 'pending',
              count: data.pendingInvitations,
              text: t('dashboard.pending', { count: data.pendingInvitations }),
              action: t('dashboard.pendingAction'),
              to: '/collaborators?state=invited',
              icon: IconMail,
              color: 'sejf',
            },
            {
              key: 'unopened',
              count: data.unopenedDocuments,
              text: t('dashboard.unopened', { count: data.unopenedDocuments }),
              action: t('dashboard.unopenedAction'),
              to: '/documents?unopened=1',
              icon: IconEyeOff,
              color: 'grape',
            },
          ].filter((item) => item.count > 0);
          return (
            <Stack gap="xl">
              <section aria-labelledby="waiting-heading">
                <Title order={2} size="h3" id="waiting-heading" mb="sm">
                  {t('dashboard.waiting')}
                </Title>
                {items.length === 0 ? (
                  <Paper withBorder p="md" radius="md">
                    <Group gap="md">
                      <ThemeIcon size={40} radius="md" variant="light" color="green" aria-hidden>
                        <IconCircleCheck size={22} />
                      </ThemeIcon>
                      <Text fw={600}>{t('dashboard.nothingWaiting')}</Text>
                    </Group>
                  </Paper>
                ) : (
                  <Stack component="ul" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                    {items.map((item) => (
                      <WaitingRow key={item.key} item={item} />
                    ))}
                  </Stack>
                )}
              </section>
              <DashboardSettlement />
              <section aria-labelledby="summary-heading">
                <Title order={2} size="h3" id="summary-heading" mb="sm">
                  {t('dashboard.summary')}
                </Title>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Paper withBorder p="md" radius="md">
                    <Text size="xl" fw={700} className="tabular">
                      {data.collaborators.active} / {data.collaborators.total}
                    </Text>
                    <Text c="dimmed">
                      {t('dashboard.activeCollaborators', {
                        active: data.collaborators.active,
                        total: data.collaborators.total,
                      })}
                    </Text>
                  </Paper>
                  <Paper withBorder p="md" radius="md">
                    <Text size="xl" fw={700} className="tabular">
                      {data.documentsThisMonth}
                    </Text>
                    <Text c="dimmed">
                      {t('dashboard.documentsThisMonth', { count: data.documentsThisMonth })}
                    </Text>
                  </Paper>
                </SimpleGrid>
              </section>
              {isOwner && config.data?.devOutbox && (
                <Paper withBorder p="md" radius="md" bg="yellow.0">
                  <Group justify="space-between" gap="md">
                    <Stack gap={2}>
                      <Text fw={700}>{t('dashboard.devOutboxTitle')}</Text>
                      <Text size="sm">{t('dashboard.devOutboxText')}</Text>
                    </Stack>
                    <Button
                      component={Link}
                      to="/settings#outbox"
                      variant="default"
                      leftSection={<IconMail size={18} aria-hidden />}
                    >
                      {t('dashboard.devOutboxAction')}
                    </Button>
                  </Group>
                </Paper>
              )}
            </Stack>
          );
        }}
      </QueryState>
    </>
  );
}
