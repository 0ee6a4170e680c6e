import { Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../../shared/api/account';
import { localeSchema } from '../../../../shared/api/common';
import { ErrorAlert } from '../../../components/error-alert';
import { SectionCard } from '../../../components/section-card';
import { focusFirstError } from '../../../lib/form-errors';
import { useLocale } from '../../../lib/i18n';
import { useChangeLanguage } from '../../../lib/session-actions';
import { useUpdateAccount } from '../api/update-account';

export function ProfileSection({ account }: { account: Account }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const changeLanguage = useChangeLanguage();
  const update = useUpdateAccount();
  const form = useForm({
    name: 'profile',
    initialValues: { fullName: account.fullName },
    validate: { fullName: (value) => (value.trim().length >= 2 ? null : t('setup.fullNameRequired')) },
  });

  return (
    <SectionCard title={t('account.profile.title')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          update.mutate(
            { fullName: values.fullName.trim() },
            {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: t('common.saved') });
              },
            },
          );
        }, focusFirstError(form))}
      >
        <Stack gap="md" maw={480}>
          {update.isError && <ErrorAlert error={update.error} focusOnShow />}
          <TextInput
            label={t('account.profile.email')}
            value={account.email}
            readOnly
            description={t('account.profile.emailHint')}
          />
          <TextInput
            label={t('account.profile.fullName')}
            autoComplete="name"
            required
            {...form.getInputProps('fullName')}
          />
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="account-language-label">
              {t('account.profile.language')}
            </Text>
            <SegmentedControl
              aria-labelledby="account-language-label"
              w="fit-content"
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
            <Text size="xs" c="dimmed">
              {t('account.profile.languageHint')}
            </Text>
          </Stack>
        </Stack>
      </form>
    </SectionCard>
  );
}
