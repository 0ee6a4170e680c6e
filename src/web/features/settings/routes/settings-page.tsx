import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { useAppConfig } from '../../../lib/app-config';
import { useAgency } from '../api/get-agency';
import { useDevOutbox } from '../api/get-dev-outbox';
import { AgencyForm } from '../components/agency-form';
import { DevOutbox } from '../components/dev-outbox';

export function SettingsPage() {
  const { t } = useTranslation();
  const { hash } = useLocation();
  const agency = useAgency();
  const config = useAppConfig();
  const hasOutbox = config.data?.devOutbox === true;
  const outbox = useDevOutbox(hasOutbox);

  // The navigation and the dashboard link straight to the mail section.
  useEffect(() => {
    if (hash === '#outbox' && outbox.isSuccess) {
      const section = document.getElementById('outbox');
      section?.scrollIntoView({ block: 'start' });
      section?.focus({ preventScroll: true });
    }
  }, [hash, outbox.isSuccess]);

  return (
    <>
      <PageHeader title={t('settings.title')} />
      <Stack gap="xl">
        <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="agency-heading">
          <Title order={2} size="h3" id="agency-heading" mb="md">
            {t('settings.agency')}
          </Title>
          <QueryState query={agency}>{(data) => <AgencyForm agency={data} />}</QueryState>
        </Paper>
        {hasOutbox && (
          <Paper
            withBorder
            p="lg"
            radius="md"
            component="section"
            id="outbox"
            tabIndex={-1}
            aria-labelledby="outbox-heading"
            style={{ scrollMarginTop: 72 }}
          >
            <Title order={2} size="h3" id="outbox-heading" mb="xs">
              {t('nav.devOutbox')}
            </Title>
            <Alert color="yellow" variant="light" icon={<IconMail aria-hidden />} mb="md">
              <Text size="sm">{t('settings.outboxExplanation')}</Text>
            </Alert>
            <QueryState query={outbox}>{(messages) => <DevOutbox messages={messages} />}</QueryState>
          </Paper>
        )}
      </Stack>
    </>
  );
}
