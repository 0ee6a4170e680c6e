import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { importRowErrorSchema } from '../../../../shared/api/imports';
import { importFieldSchema } from '../../../../shared/api/imports';

type RowError = z.infer<typeof importRowErrorSchema>;

const rowErrorCodes = [
  'amount_invalid',
  'date_invalid',
  'required_missing',
  'formula_without_value',
  'rate_invalid',
  'value_too_long',
] as const;
type RowErrorCode = (typeof rowErrorCodes)[number];

function isRowErrorCode(code: string): code is RowErrorCode {
  return (rowErrorCodes as readonly string[]).includes(code);
}

/** Row by row what could not be read, in words, without the cell's content. */
export function ImportErrorsTable({ errors }: { errors: readonly RowError[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped aria-label={t('imports.errorsTable')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" ta="right" w={100}>
              {t('imports.lines.row')}
            </Table.Th>
            <Table.Th scope="col" w={220}>
              {t('imports.lines.field')}
            </Table.Th>
            <Table.Th scope="col">{t('imports.lines.problem')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((error, index) => {
            const field = importFieldSchema.safeParse(error.field);
            return (
              <Table.Tr key={`${String(error.rowNumber)}-${error.field ?? ''}-${String(index)}`}>
                <Table.Td ta="right" className="tabular">
                  {error.rowNumber}
                </Table.Td>
                <Table.Td>
                  {field.success ? t(`imports.fields.${field.data}`) : (error.field ?? t('common.none'))}
                </Table.Td>
                <Table.Td>
                  {isRowErrorCode(error.code)
                    ? t(`imports.rowErrors.${error.code}`)
                    : t('imports.rowErrors.unknown')}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
