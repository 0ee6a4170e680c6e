import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localeSchema } from '../../shared/api/common';
import { useLocale } from '../lib/i18n';
import { useChangeLanguage } from '../lib/session-actions';

/** Each language is named in itself, so that whoever needs it can find it. */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const changeLanguage = useChangeLanguage();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('common.language')}
      value={locale}
      onChange={(value) => {
        const parsed = localeSchema.safeParse(value);
        if (parsed.success) {
          changeLanguage(parsed.data);
        }
      }}
      data={[
        { value: 'pl', label: <span lang="pl">{t('common.languages.pl')}</span> },
        { value: 'en', label: <span lang="en">{t('common.languages.en')}</span> },
      ]}
    />
  );
}
