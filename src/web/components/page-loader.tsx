import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Shown for the moment a page's code is still arriving. */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-label={t('common.loading')}>
      <Loader size="md" />
    </Center>
  );
}
