import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { useLocale } from './lib/i18n';
import { createQueryClient } from './lib/query-client';
import { router } from './router';
import { createAppTheme, cssVariablesResolver } from './theme';

function LocalizedProviders() {
  const locale = useLocale();
  const { t } = useTranslation();
  return (
    <DatesProvider settings={{ locale, firstDayOfWeek: 1 }}>
      <ModalsProvider labels={{ confirm: t('common.confirm'), cancel: t('common.cancel') }}>
        <Notifications position="top-right" limit={4} />
        <RouterProvider router={router} />
      </ModalsProvider>
    </DatesProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const { t } = useTranslation();
  const theme = useMemo(() => createAppTheme(t), [t]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <LocalizedProviders />
      </QueryClientProvider>
    </MantineProvider>
  );
}
