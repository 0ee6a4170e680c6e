import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useDescribeError } from '../lib/error-message';

type ErrorAlertProps = {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  /** For a form's error summary: focus moves here when the error appears. */
  focusOnShow?: boolean;
};

/** The error summary of a form or a page: announced to screen readers, in plain words. */
export function ErrorAlert({ error, title, onRetry, focusOnShow = false }: ErrorAlertProps) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnShow) {
      ref.current?.focus();
    }
  }, [error, focusOnShow]);
  return (
    <Alert
      ref={ref}
      color="red"
      variant="light"
      icon={<IconAlertCircle aria-hidden />}
      title={title ?? t('errors.title')}
      role="alert"
      tabIndex={-1}
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{describe(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="outline" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
