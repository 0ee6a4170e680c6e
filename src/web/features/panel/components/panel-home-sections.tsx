import { Button, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { useEarnings } from '../api/get-earnings';
import { usePanelStatements } from '../api/get-panel-statements';
import { EarningsChart } from './earnings-chart';
import { PanelSection } from './panel-section';
import { PanelStatementCard } from './panel-statement-card';
import { nextStepOf } from './statement-next-step';

/** The home's first answer: the latest statement, how much, and what to do with it. */
export function LatestStatement() {
  const { t } = useTranslation();
  const statements = usePanelStatements();
  if (statements.isError) {
    return (
      <ErrorAlert
        error={statements.error}
        onRetry={() => {
          void statements.refetch();
        }}
      />
    );
  }
  const latest = statements.data?.[0];
  if (!latest) {
    return null;
  }
  const step = nextStepOf(latest);
  return (
    <section aria-labelledby="latest-statement-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="latest-statement-heading">
          {t('panelStatements.latest')}
        </Title>
        <PanelStatementCard
          statement={latest}
          headingOrder={3}
          isHighlighted={step === 'accept' || step === 'sendOrApprove'}
        />
        {(statements.data?.length ?? 0) > 1 && (
          <Button component={Link} to="/panel/statements" variant="default" size="md" fullWidth>
            {t('panelStatements.all')}
          </Button>
        )}
      </Stack>
    </section>
  );
}

/** Earnings per month and insurer, once there is anything to show. */
export function EarningsSection() {
  const { t } = useTranslation();
  const earnings = useEarnings();
  if (earnings.isError) {
    return (
      <ErrorAlert
        error={earnings.error}
        onRetry={() => {
          void earnings.refetch();
        }}
      />
    );
  }
  if (!earnings.data || earnings.data.cells.length === 0) {
    return null;
  }
  return (
    <PanelSection title={t('panelStatements.earnings.title')}>
      <EarningsChart report={earnings.data} />
    </PanelSection>
  );
}
