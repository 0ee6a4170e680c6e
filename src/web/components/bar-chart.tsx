import { Box, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatAmount, sumAmounts, type Grosze } from '../../shared/money';

export type BarSegment = { key: string; label: string; value: Grosze };
export type BarRow = { key: string; label: string; segments: readonly BarSegment[] };

const palette = [
  'sejf.7',
  'teal.7',
  'orange.7',
  'grape.7',
  'cyan.8',
  'lime.8',
  'pink.7',
  'indigo.7',
  'yellow.8',
  'red.8',
  'green.8',
  'violet.7',
] as const;

function cssColor(color: string): string {
  const [name, shade] = color.split('.');
  return `var(--mantine-color-${name ?? 'gray'}-${shade ?? '6'})`;
}

/** The same key gets the same colour in every row and in the legend. */
export function segmentColors(keys: readonly string[]): Map<string, string> {
  const unique = [...new Set(keys)].sort();
  return new Map(unique.map((key, index) => [key, cssColor(palette[index % palette.length] ?? 'gray.6')]));
}

type MoneyBarChartProps = {
  /** Names the chart for screen readers (the table's caption). */
  caption: string;
  labelHeader: string;
  rows: readonly BarRow[];
  /** Shown under the chart when more than one kind of segment is drawn. */
  showLegend?: boolean;
  /** Below this width the chart scrolls sideways; 0 puts each bar under its label, for a phone. */
  minWidth?: number;
};

/**
 * A horizontal bar chart of amounts that is a table underneath: each row's total is written out,
 * and the split per segment is read out to screen readers, so nothing depends on seeing the bars.
 * Widths are proportions for drawing only; every amount shown comes from integer grosze.
 */
export function MoneyBarChart({
  caption,
  labelHeader,
  rows,
  showLegend = true,
  minWidth = 480,
}: MoneyBarChartProps) {
  const { t } = useTranslation();
  const isCompact = minWidth === 0;
  const totals = rows.map((row) => sumAmounts(row.segments.map((segment) => segment.value)));
  const positiveTotals = rows.map((row) =>
    sumAmounts(row.segments.map((segment) => Math.max(0, segment.value))),
  );
  const max = Math.max(1, ...positiveTotals);
  const colors = segmentColors(rows.flatMap((row) => row.segments.map((segment) => segment.key)));
  const legend = [
    ...new Map(rows.flatMap((row) => row.segments.map((s) => [s.key, s.label]))).entries(),
  ].sort(([, a], [, b]) => a.localeCompare(b));
  const barOf = (row: BarRow) => (
    <>
      <Box
        aria-hidden
        mt={isCompact ? 4 : 0}
        style={{
          display: 'flex',
          height: 18,
          borderRadius: 4,
          overflow: 'hidden',
          background: 'var(--mantine-color-gray-1)',
        }}
      >
        {row.segments
          .filter((segment) => segment.value > 0)
          .map((segment) => (
            <div
              key={segment.key}
              title={`${segment.label}: ${formatAmount(segment.value)}`}
              style={{
                width: `${String((segment.value / max) * 100)}%`,
                background: colors.get(segment.key),
              }}
            />
          ))}
      </Box>
      {row.segments.length > 1 && (
        <VisuallyHidden>
          {row.segments.map((segment) => `${segment.label}: ${formatAmount(segment.value)}`).join('; ')}
        </VisuallyHidden>
      )}
    </>
  );
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={minWidth}>
        <Table verticalSpacing={6} highlightOnHover={false} withRowBorders={false}>
          <VisuallyHidden component="caption">{caption}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={isCompact ? undefined : 160}>
                {labelHeader}
              </Table.Th>
              {!isCompact && (
                <Table.Th scope="col">
                  <VisuallyHidden>{t('charts.bar')}</VisuallyHidden>
                </Table.Th>
              )}
              <Table.Th scope="col" ta="right" w={isCompact ? undefined : 150}>
                {t('charts.total')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, index) => (
              <Table.Tr key={row.key}>
                <Table.Th scope="row" fw={500} style={{ whiteSpace: isCompact ? undefined : 'nowrap' }}>
                  {row.label}
                  {isCompact && barOf(row)}
                </Table.Th>
                {!isCompact && <Table.Td>{barOf(row)}</Table.Td>}
                <Table.Td
                  ta="right"
                  className="tabular"
                  style={{ whiteSpace: 'nowrap', verticalAlign: isCompact ? 'top' : undefined }}
                >
                  <Text span size="sm" c={(totals[index] ?? 0) < 0 ? 'red.9' : undefined}>
                    {formatAmount(totals[index] ?? 0)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {showLegend && legend.length > 1 && (
        <Group gap="md" aria-hidden>
          {legend.map(([key, label]) => (
            <Group key={key} gap={6} wrap="nowrap">
              <Box w={12} h={12} style={{ borderRadius: 2, background: colors.get(key) }} />
              <Text size="xs">{label}</Text>
            </Group>
          ))}
        </Group>
      )}
    </Stack>
  );
}
