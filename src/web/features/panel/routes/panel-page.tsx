import { NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatMonth } from '../../../../shared/format';
import { EmptyState } from '../../../components/empty-state';
import { QueryState } from '../../../components/query-state';
import { useLocale } from '../../../lib/i18n';
import { usePageTitle } from '../../../lib/use-page-title';
import { useMarkOpened } from '../api/get-panel-document';
import { usePanelDocuments } from '../api/get-panel-documents';
import { usePanelSummary } from '../api/get-panel-summary';
import { PanelDocumentCard } from '../components/panel-document-card';
import { EarningsSection, LatestStatement } from '../components/panel-home-sections';

/** The collaborator's home: how many new documents, then the documents, newest first. */
export function PanelPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.myDocuments'));
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const month = params.get('month');
  const summary = usePanelSummary();
  const documents = usePanelDocuments(month);
  const markOpened = useMarkOpened();

  return (
    <Stack gap="lg">
      <Title order={1} size="h2" data-page-heading tabIndex={-1}>
        {t('nav.myDocuments')}
      </Title>
      <LatestStatement />
      <QueryState query={summary}>
        {(data) =>
          data.totalDocuments === 0 ? null : (
            <Paper withBorder p="md" radius="md" bg={data.unopenedDocuments > 0 ? 'sejf.0' : 'white'}>
              <Text fz={24} fw={700} lh={1.3} role="status">
                {data.unopenedDocuments > 0
                  ? t('panel.newCount', { count: data.unopenedDocuments })
                  : t('panel.noNew')}
              </Text>
              <Text c="dimmed" mt={4}>
                {t('panel.fromAgency', { agency: data.agencyName, count: data.totalDocuments })}
              </Text>
              {data.months.length > 1 && (
                <NativeSelect
                  mt="md"
                  size="md"
                  label={t('panel.month')}
                  value={month ?? ''}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    setParams(value ? { month: value } : {}, { replace: true });
                  }}
                  data={[
                    { value: '', label: t('panel.allMonths') },
                    ...data.months.map((m) => ({ value: m, label: formatMonth(m, locale) })),
                  ]}
                />
              )}
            </Paper>
          )
        }
      </QueryState>
      <QueryState query={documents}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              icon={<IconInbox size={26} />}
              title={month ? t('panel.emptyMonth') : t('panel.empty')}
              description={t('panel.emptyText')}
            />
          ) : (
            <Stack gap="md">
              {list.map((document) => (
                <PanelDocumentCard
                  key={document.id}
                  document={document}
                  onDownload={(downloaded) => {
                    if (downloaded.openedAt === null) {
                      markOpened.mutate(downloaded.id);
                    }
                  }}
                />
              ))}
            </Stack>
          )
        }
      </QueryState>
      <EarningsSection />
    </Stack>
  );
}
