import { useTranslation } from 'react-i18next';
import { detailOf, detailValue, isApiError } from '../../../lib/api-error';
import { useDescribeError } from '../../../lib/error-message';

const fileErrorReasons = [
  'file_empty',
  'format_unsupported',
  'encoding_invalid',
  'csv_invalid',
  'header_not_found',
  'mapped_column_missing',
  'too_many_rows',
  'xlsx_invalid',
  'xlsx_too_large',
  'xlsx_encrypted',
  'internal_error',
] as const;
export type FileErrorReason = (typeof fileErrorReasons)[number];

export function isFileErrorReason(value: unknown): value is FileErrorReason {
  return typeof value === 'string' && (fileErrorReasons as readonly string[]).includes(value);
}

/** Why a file could not be read, with the row or column when the server names one. */
export function useDescribeFileProblem(): (
  reason: string,
  details: Record<string, unknown> | null,
) => string {
  const { t } = useTranslation();
  return (reason, details) => {
    const parts = [
      isFileErrorReason(reason) ? t(`imports.fileErrors.${reason}`) : t('imports.fileErrors.internal_error'),
    ];
    const rowNumber = details?.rowNumber;
    if (typeof rowNumber === 'number') {
      parts.push(t('imports.fileErrors.atRow', { row: rowNumber }));
    }
    const header = details?.header;
    if (typeof header === 'string') {
      parts.push(t('imports.fileErrors.column', { column: header }));
    }
    const limit = details?.limit;
    if (typeof limit === 'number' && reason === 'too_many_rows') {
      parts.push(t('imports.fileErrors.limit', { limit }));
    }
    return parts.join(' ');
  };
}

/** The general error texts, plus what the import endpoints add: the file's problem, the earlier import. */
export function useDescribeImportError(): (error: unknown) => string {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const describeFile = useDescribeFileProblem();
  return (error) => {
    if (isApiError(error) && error.code === 'import_file_invalid') {
      const reason = detailOf(error, 'reason') ?? 'internal_error';
      const rowNumber = detailValue(error, 'rowNumber');
      const header = detailValue(error, 'header');
      return `${t('errors.import_file_invalid')} ${describeFile(reason, {
        rowNumber,
        header,
        limit: detailValue(error, 'limit'),
      })}`;
    }
    if (isApiError(error) && error.code === 'import_duplicate') {
      const fileName = detailOf(error, 'fileName');
      return fileName
        ? `${t('errors.import_duplicate')} ${t('imports.duplicateOf', { fileName })}`
        : describe(error);
    }
    return describe(error);
  };
}
