import { Stack, Title } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/empty-state';
import { QueryState } from '../../../components/query-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { usePanelStatements } from '../api/get-panel-statements';
import { PanelStatementCard } from '../components/panel-statement-card';
import { nextStepOf } from '../components/statement-next-step';

/** "Moje rozliczenia": every statement, the ones waiting for the collaborator first in line. */
export function PanelStatementsPage() {
  const { t } = useTranslation();
  usePageTitle(t('panelStatements.title'));
  const statements = usePanelStatements();
  return (
    <Stack gap="lg">
      <Title order={1} size="h2" data-page-heading tabIndex={-1}>
        {t('panelStatements.title')}
      </Title>
      <QueryState query={statements}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              icon={<IconReceipt size={26} />}
              title={t('panelStatements.empty')}
              description={t('panelStatements.emptyText')}
            />
          ) : (
            <Stack gap="md">
              {list.map((statement, index) => {
                const step = nextStepOf(statement);
                return (
                  <PanelStatementCard
                    key={statement.id}
                    statement={statement}
                    isHighlighted={index === 0 && (step === 'accept' || step === 'sendOrApprove')}
                  />
                );
              })}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}
