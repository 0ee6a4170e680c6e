import { Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { checkInvitationResponseSchema } from '../../../../shared/api/invitations';
import { isValidEmail } from '../../../../shared/identifiers';
import { ErrorAlert } from '../../../components/error-alert';
import { focusFirstError } from '../../../lib/form-errors';
import { useCheckInvitation } from '../api/check-invitation';
import { normalizeInvitationCode } from './invitation-code';

export type CheckedInvitation = z.output<typeof checkInvitationResponseSchema> & {
  email: string;
  code: string;
};

/** Step 1: the e-mail address and the code from the invitation e-mail. */
export function CheckInvitationForm({ onChecked }: { onChecked: (invitation: CheckedInvitation) => void }) {
  const { t } = useTranslation();
  const check = useCheckInvitation();
  const form = useForm({
    name: 'invitation-check',
    initialValues: { email: '', code: '' },
    validate: {
      email: (value) => (isValidEmail(value) ? null : t('errors.invalid_email')),
      code: (value) =>
        normalizeInvitationCode(value).replace(/-/g, '').length === 12 ? null : t('invitation.codeInvalid'),
    },
  });

  const submit = form.onSubmit((values) => {
    const input = { email: values.email.trim(), code: normalizeInvitationCode(values.code) };
    check.mutate(input, {
      onSuccess: (invitation) => {
        onChecked({ ...invitation, ...input });
      },
    });
  }, focusFirstError(form));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {check.isError && <ErrorAlert error={check.error} focusOnShow />}
        <TextInput
          label={t('invitation.email')}
          type="email"
          autoComplete="email"
          required
          {...form.getInputProps('email')}
        />
        <TextInput
          label={t('invitation.code')}
          description={t('invitation.codeHint')}
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          required
          classNames={{ input: 'code-text' }}
          size="md"
          {...form.getInputProps('code')}
          onBlur={(event) => {
            form.setFieldValue('code', normalizeInvitationCode(event.currentTarget.value));
          }}
        />
        <Button type="submit" size="md" loading={check.isPending}>
          {t('invitation.check')}
        </Button>
      </Stack>
    </form>
  );
}
