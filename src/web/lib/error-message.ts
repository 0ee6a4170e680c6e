import { useTranslation } from 'react-i18next';
import { detailOf, detailValue, isApiError, type ApiError } from './api-error';

const fileNameReasons = ['empty', 'too_long', 'path_separator', 'control_character', 'reserved'] as const;
type FileNameReason = (typeof fileNameReasons)[number];

function isFileNameReason(value: string | null): value is FileNameReason {
  return value !== null && (fileNameReasons as readonly string[]).includes(value);
}

function numberDetail(error: ApiError, key: string): number | null {
  const value = detailValue(error, key);
  return typeof value === 'number' ? value : null;
}

/**
 * A calm, specific sentence for any failure, in the person's language: what happened and what to
 * do. The API's English `message` is never shown.
 */
export function useDescribeError(): (error: unknown) => string {
  const { t } = useTranslation();

  function describeCode(error: ApiError): string {
    if (error.code === 'file_type_mismatch') {
      return t('errors.file_type_mismatch', { detected: (detailOf(error, 'detected') ?? '?').toUpperCase() });
    }
    if (error.code === 'file_name_invalid') {
      const reason = detailOf(error, 'reason');
      return isFileNameReason(reason)
        ? t(`errors.file_name_invalid_reasons.${reason}`)
        : t('errors.file_name_invalid');
    }
    if (error.code === 'payload_too_large') {
      const maxBytes = numberDetail(error, 'maxBytes');
      return maxBytes === null
        ? t('errors.payload_too_large')
        : t('errors.payload_too_large_max', { megabytes: Math.round(maxBytes / 1024 / 1024) });
    }
    return t(`errors.${error.code}`);
  }

  return (error) => {
    if (!isApiError(error)) {
      return t('errors.unexpected');
    }
    const parts = [describeCode(error)];
    const fileName = detailOf(error, 'fileName');
    if (fileName !== null) {
      parts.push(t('errors.inFile', { fileName }));
    }
    if (
      error.retryAfterSeconds !== null &&
      (error.code === 'rate_limited' || error.code === 'account_locked')
    ) {
      parts.push(t('errors.retryIn', { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) }));
    }
    if (error.requestId !== null) {
      parts.push(t('errors.requestId', { id: error.requestId }));
    }
    return parts.join(' ');
  };
}
