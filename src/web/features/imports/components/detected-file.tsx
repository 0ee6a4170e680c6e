import { Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DetectedFile, ImportField } from '../../../../shared/api/imports';
import { DetailList } from '../../../components/detail-list';

/** What the server found in the file before any mapping: format, encoding, delimiter, header row. */
export function DetectedSummary({ detected }: { detected: DetectedFile }) {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <DetailList
      labelWidth={200}
      items={[
        { label: t('imports.detected.format'), value: detected.format.toUpperCase() },
        {
          label: t('imports.detected.encoding'),
          value: detected.encoding ? t(`imports.encodings.${detected.encoding}`) : none,
        },
        {
          label: t('imports.detected.delimiter'),
          value: detected.delimiter ? t(`imports.delimiters.${delimiterKey(detected.delimiter)}`) : none,
        },
        ...(detected.sheetName ? [{ label: t('imports.detected.sheet'), value: detected.sheetName }] : []),
        {
          label: t('imports.detected.headerRow'),
          value: <span className="tabular">{detected.headerRowNumber}</span>,
        },
        {
          label: t('imports.detected.columns'),
          value: <span className="tabular">{detected.headers.length}</span>,
        },
      ]}
    />
  );
}

function delimiterKey(delimiter: NonNullable<DetectedFile['delimiter']>) {
  const keys = { ';': 'semicolon', ',': 'comma', '\t': 'tab', '|': 'pipe' } as const;
  return keys[delimiter];
}

type SampleTableProps = {
  detected: DetectedFile;
  /** Header text → the fields mapped to it, shown under the header. */
  mapped: ReadonlyMap<string, readonly ImportField[]>;
};

/** The file's header and first rows, as the person knows them from Excel. */
export function SampleTable({ detected, mapped }: SampleTableProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={Math.max(600, detected.headers.length * 140)}>
      <Table striped withTableBorder withColumnBorders fz="xs">
        <caption style={{ captionSide: 'top', textAlign: 'left', paddingBottom: 6 }}>
          <Text size="sm" fw={600} span>
            {t('imports.sample.caption', { row: detected.headerRowNumber })}
          </Text>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('imports.sample.row')}</Table.Th>
            {detected.headers.map((header, index) => (
              <Table.Th scope="col" key={`${header}-${String(index)}`} style={{ verticalAlign: 'top' }}>
                <Stack gap={4}>
                  <span>{header}</span>
                  {(mapped.get(header) ?? []).map((field) => (
                    <Badge
                      key={field}
                      size="xs"
                      variant="light"
                      radius="sm"
                      style={{ textTransform: 'none' }}
                    >
                      {t(`imports.fields.${field}`)}
                    </Badge>
                  ))}
                </Stack>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {detected.sampleRows.map((row) => (
            <Table.Tr key={row.rowNumber}>
              <Table.Td className="tabular" c="dimmed">
                {row.rowNumber}
              </Table.Td>
              {detected.headers.map((header, index) => (
                <Table.Td key={`${header}-${String(index)}`} style={{ whiteSpace: 'nowrap' }}>
                  {row.cells[index] ?? ''}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
