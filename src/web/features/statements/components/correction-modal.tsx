import {
  ActionIcon,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { StatementDetail, StatementLine } from '../../../../shared/api/statements';
import { formatAmount } from '../../../../shared/money';
import { ErrorAlert } from '../../../components/error-alert';
import { MoneyInput } from '../../../components/money-input';
import { MoneyText } from '../../../components/money-text';
import { amountFieldProblem, amountFieldText, parseAmountField } from '../../../lib/amount-field';
import { focusFirstError } from '../../../lib/form-errors';
import { useCorrectStatement } from '../api/correct-statement';

type LineValue = { lineId: string; policyNumber: string; current: number; share: string; reason: string };
type AdjustmentValue = { key: string; amount: string; reason: string };
type Values = { lines: LineValue[]; adjustments: AdjustmentValue[]; resolution: string };

let adjustmentKeys = 0;

function lineValueOf(line: StatementLine): LineValue {
  return {
    lineId: line.id,
    policyNumber: line.policyNumber,
    current: line.share,
    share: amountFieldText(line.share),
    reason: '',
  };
}

type CorrectionFormProps = {
  statement: StatementDetail;
  lines: readonly StatementLine[];
  disputedLineIds: readonly string[];
  onClose: () => void;
};

function CorrectionForm({ statement, lines, disputedLineIds, onClose }: CorrectionFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const correct = useCorrectStatement(statement.id);
  const [summaryError, setSummaryError] = useState<unknown>(null);
  const [nothingChanged, setNothingChanged] = useState(false);
  const form = useForm<Values>({
    initialValues: {
      lines: lines.filter((line) => disputedLineIds.includes(line.id)).map(lineValueOf),
      adjustments: [],
      resolution: '',
    },
    validate: {
      lines: {
        share: (value) => {
          const problem = amountFieldProblem(value);
          return problem ? t(problem) : null;
        },
        reason: (value, values, path) => {
          const index = Number(path.split('.')[1]);
          const line = values.lines[index];
          const isChanged = line !== undefined && parseAmountField(line.share) !== line.current;
          return isChanged && value.trim().length < 3 ? t('statements.correction.reasonRequired') : null;
        },
      },
      adjustments: {
        amount: (value) => {
          const problem = amountFieldProblem(value);
          if (problem) {
            return t(problem);
          }
          return parseAmountField(value) === 0 ? t('money.mustBePositive') : null;
        },
        reason: (value) => (value.trim().length < 3 ? t('statements.correction.reasonRequired') : null),
      },
      resolution: (value) => (value.trim().length < 3 ? t('statements.correction.resolutionRequired') : null),
    },
  });
  const available = lines.filter((line) => !form.values.lines.some((value) => value.lineId === line.id));

  const submit = form.onSubmit((values) => {
    setSummaryError(null);
    const changed = values.lines.filter((line) => parseAmountField(line.share) !== line.current);
    if (changed.length === 0 && values.adjustments.length === 0) {
      setNothingChanged(true);
      return;
    }
    setNothingChanged(false);
    correct.mutate(
      {
        lines: changed.map((line) => ({
          lineId: line.lineId,
          share: parseAmountField(line.share) ?? 0,
          reason: line.reason.trim(),
        })),
        adjustments: values.adjustments.map((adjustment) => ({
          amount: parseAmountField(adjustment.amount) ?? 0,
          reason: adjustment.reason.trim(),
        })),
        resolution: values.resolution.trim(),
      },
      {
        onSuccess: (next) => {
          notifications.show({
            color: 'teal',
            message: t('statements.correction.done', {
              version: next.version,
              amount: formatAmount(next.amountDue),
            }),
          });
          onClose();
          void navigate(`/statements/${next.id}`);
        },
        onError: setSummaryError,
      },
    );
  }, focusFirstError(form));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {summaryError !== null && <ErrorAlert error={summaryError} focusOnShow />}
        {nothingChanged && (
          <Text c="red.9" role="alert">
            {t('statements.correction.nothingChanged')}
          </Text>
        )}
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('statements.correction.lines')}
          </Title>
          {form.values.lines.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('statements.correction.noLines')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table aria-label={t('statements.correction.lines')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('imports.fields.policyNumber')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('statements.correction.currentShare')}
                    </Table.Th>
                    <Table.Th scope="col">{t('statements.correction.newShare')}</Table.Th>
                    <Table.Th scope="col">{t('statements.correction.reason')}</Table.Th>
                    <Table.Th scope="col">
                      <span className="sr-only">{t('common.actions')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {form.values.lines.map((line, index) => (
                    <Table.Tr key={line.lineId}>
                      <Table.Th scope="row" className="tabular" fw={500}>
                        {line.policyNumber}
                      </Table.Th>
                      <Table.Td ta="right">
                        <MoneyText grosze={line.current} size="sm" />
                      </Table.Td>
                      <Table.Td>
                        <MoneyInput
                          aria-label={t('statements.correction.newShareFor', { policy: line.policyNumber })}
                          w={160}
                          {...form.getInputProps(`lines.${String(index)}.share`)}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label={t('statements.correction.reasonFor', { policy: line.policyNumber })}
                          miw={220}
                          {...form.getInputProps(`lines.${String(index)}.reason`)}
                        />
                      </Table.Td>
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('statements.correction.removeLine', { policy: line.policyNumber })}
                          onClick={() => {
                            form.removeListItem('lines', index);
                          }}
                        >
                          <IconX size={16} aria-hidden />
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {available.length > 0 && (
            <Select
              label={t('statements.correction.addLine')}
              placeholder={t('statements.correction.addLinePlaceholder')}
              searchable
              value={null}
              maw={420}
              data={available.map((line) => ({
                value: line.id,
                label: `${line.policyNumber} · ${line.insurerName} · ${formatAmount(line.share)}`,
              }))}
              onChange={(value) => {
                const line = lines.find((candidate) => candidate.id === value);
                if (line) {
                  form.insertListItem('lines', lineValueOf(line));
                }
              }}
              nothingFoundMessage={t('agentCodes.nothingFound')}
            />
          )}
        </Stack>
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('statements.correction.adjustments')}
          </Title>
          {form.values.adjustments.map((adjustment, index) => (
            <Group key={adjustment.key} align="flex-start" gap="sm" wrap="wrap">
              <MoneyInput
                label={t('statements.correction.amount')}
                description={t('periods.adjustments.amountSignedHint')}
                w={200}
                {...form.getInputProps(`adjustments.${String(index)}.amount`)}
              />
              <TextInput
                label={t('statements.correction.reason')}
                w={320}
                {...form.getInputProps(`adjustments.${String(index)}.reason`)}
              />
              <Button
                variant="subtle"
                color="red"
                mt={24}
                onClick={() => {
                  form.removeListItem('adjustments', index);
                }}
              >
                {t('common.remove')}
              </Button>
            </Group>
          ))}
          <Group>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => {
                adjustmentKeys += 1;
                form.insertListItem('adjustments', { key: String(adjustmentKeys), amount: '', reason: '' });
              }}
            >
              {t('statements.correction.addAdjustment')}
            </Button>
          </Group>
        </Stack>
        <Textarea
          label={t('statements.correction.resolution')}
          description={t('statements.correction.resolutionHint')}
          required
          autosize
          minRows={3}
          {...form.getInputProps('resolution')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={correct.isPending}>
            {t('statements.correction.submit', { version: statement.version + 1 })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type CorrectionModalProps = {
  opened: boolean;
  statement: StatementDetail;
  lines: readonly StatementLine[];
  disputedLineIds: readonly string[];
  onClose: () => void;
};

export function CorrectionModal({
  opened,
  statement,
  lines,
  disputedLineIds,
  onClose,
}: CorrectionModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="xl"
      returnFocus={false}
      title={t('statements.correction.title', { number: statement.number })}
    >
      {opened && (
        <CorrectionForm
          statement={statement}
          lines={lines}
          disputedLineIds={disputedLineIds}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}
