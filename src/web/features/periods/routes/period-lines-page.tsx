import { Anchor, Badge, Group, NativeSelect, Select, Stack, Table, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import type { SettlementLine } from '../../../../shared/api/periods';
import { formatDate } from '../../../../shared/format';
import { MoneyText } from '../../../components/money-text';
import { PageHeader } from '../../../components/page-header';
import { Pager } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { formatRate } from '../../../lib/amount-field';
import { useLocale } from '../../../lib/i18n';
import { periodLabel } from '../../../lib/period-label';
import { LineTypeText } from '../../imports/components/line-type-text';
import { usePeriod } from '../api/get-period';
import { usePeriodLines } from '../api/get-period-lines';
import { useSettlement } from '../api/get-settlement';

const pageSize = 100;
const problemSchema = z.enum(['unattributed', 'no_rule', 'missing_basis', 'any']).nullable().catch(null);

function LinesTable({ lines }: { lines: readonly SettlementLine[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const none = t('common.none');
  return (
    <Table.ScrollContainer minWidth={1400}>
      <Table striped aria-label={t('periods.lines.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('periods.lines.file')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('imports.lines.row')}
            </Table.Th>
            <Table.Th scope="col">{t('agentCodes.insurer')}</Table.Th>
            <Table.Th scope="col">{t('imports.fields.policyNumber')}</Table.Th>
            <Table.Th scope="col">{t('imports.lines.date')}</Table.Th>
            <Table.Th scope="col">{t('imports.lines.type')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('imports.fields.commission')}
            </Table.Th>
            <Table.Th scope="col">{t('periods.lines.basis')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('periods.lines.base')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('periods.lines.rate')}
            </Table.Th>
            <Table.Th scope="col">{t('periods.lines.rule')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('periods.lines.share')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => (
            <Table.Tr key={line.lineId}>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/imports/${line.importId}`}
                  size="sm"
                  style={{ wordBreak: 'break-all' }}
                >
                  {line.fileName}
                </Anchor>
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {line.rowNumber}
              </Table.Td>
              <Table.Td>{line.insurerName}</Table.Td>
              <Table.Td className="tabular">
                {line.policyNumber}
                {line.product && (
                  <Text size="xs" c="dimmed">
                    {line.product}
                  </Text>
                )}
              </Table.Td>
              <Table.Td className="tabular" style={{ whiteSpace: 'nowrap' }}>
                {formatDate(line.lineDate, locale)}
              </Table.Td>
              <Table.Td>
                <LineTypeText lineType={line.lineType} />
              </Table.Td>
              <Table.Td ta="right">
                <MoneyText grosze={line.commission} size="sm" />
              </Table.Td>
              <Table.Td>{line.basis ? t(`rules.bases.${line.basis}`) : none}</Table.Td>
              <Table.Td ta="right">
                {line.base === null ? none : <MoneyText grosze={line.base} size="sm" />}
              </Table.Td>
              <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                {line.rate === null ? none : formatRate(line.rate, locale)}
              </Table.Td>
              <Table.Td>
                {line.ruleVersion === null
                  ? none
                  : t('periods.lines.ruleVersion', { version: line.ruleVersion })}
                {line.note && (
                  <Text size="xs" c="dimmed">
                    {line.note}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                {line.problem ? (
                  <Badge color="red" variant="light" radius="sm" style={{ textTransform: 'none' }}>
                    {t(`periods.problems.kinds.${line.problem}`)}
                  </Badge>
                ) : line.share === null ? (
                  none
                ) : (
                  <MoneyText grosze={line.share} size="sm" fw={600} />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Every line of the period down to its file and row, by collaborator or by problem. */
export function PeriodLinesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const collaboratorId = params.get('collaboratorId');
  const problem = problemSchema.parse(params.get('problem'));
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const period = usePeriod(id);
  const settlement = useSettlement(id);
  const lines = usePeriodLines(id, {
    collaboratorId,
    problem,
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  const label = period.data ? periodLabel(period.data, locale) : '';
  const collaboratorName = settlement.data?.collaborators.find(
    (c) => c.collaboratorId === collaboratorId,
  )?.fullName;

  const setParam = (key: string, value: string | null) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null || value === '') {
          next.delete(key);
        } else {
          next.set(key, value);
        }
        if (key !== 'page') {
          next.delete('page');
        }
        return next;
      },
      { replace: true },
    );
  };

  return (
    <>
      <PageHeader
        title={
          collaboratorName
            ? t('periods.lines.titleFor', { name: collaboratorName, period: label })
            : t('periods.lines.title', { period: label })
        }
        back={
          <Anchor component={Link} to={`/periods/${id}`} size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} aria-hidden />
              {t('periods.lines.back', { period: label })}
            </Group>
          </Anchor>
        }
      />
      <Stack gap="md">
        <Group gap="md" align="flex-end" wrap="wrap" role="search" aria-label={t('periods.lines.filters')}>
          <Select
            label={t('agentCodes.collaborator')}
            placeholder={t('common.all')}
            searchable
            clearable
            w={320}
            data={(settlement.data?.collaborators ?? []).map((c) => ({
              value: c.collaboratorId,
              label: c.fullName,
            }))}
            value={collaboratorId}
            onChange={(value) => {
              setParam('collaboratorId', value);
            }}
            nothingFoundMessage={t('agentCodes.nothingFound')}
          />
          <NativeSelect
            label={t('periods.lines.problemFilter')}
            w={280}
            value={problem ?? ''}
            onChange={(event) => {
              setParam('problem', event.currentTarget.value);
            }}
            data={[
              { value: '', label: t('periods.lines.allLines') },
              { value: 'any', label: t('periods.lines.anyProblem') },
              { value: 'unattributed', label: t('periods.problems.kinds.unattributed') },
              { value: 'no_rule', label: t('periods.problems.kinds.no_rule') },
              { value: 'missing_basis', label: t('periods.problems.kinds.missing_basis') },
            ]}
          />
        </Group>
        <QueryState query={lines}>
          {(data) =>
            data.total === 0 ? (
              <Text c="dimmed">{t('periods.lines.empty')}</Text>
            ) : (
              <>
                <LinesTable lines={data.lines} />
                <Pager
                  total={data.total}
                  pageSize={pageSize}
                  page={page}
                  onChange={(next) => {
                    setParam('page', String(next));
                  }}
                />
              </>
            )
          }
        </QueryState>
      </Stack>
    </>
  );
}
