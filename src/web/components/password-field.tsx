import { PasswordInput, Progress, Stack, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { estimatePasswordStrength, passwordMinLength } from '../lib/password-strength';

const strengthColors = ['gray', 'red.9', 'orange.9', 'teal.9', 'green.9'] as const;
const strengthKeys = [
  'password.strength.0',
  'password.strength.1',
  'password.strength.2',
  'password.strength.3',
  'password.strength.4',
] as const;

type NewPasswordFieldProps = Omit<PasswordInputProps, 'value'> & { value: string };

/** A new password with a live hint; the server still checks it against common passwords. */
export function NewPasswordField({ value, ...props }: NewPasswordFieldProps) {
  const { t } = useTranslation();
  const strength = estimatePasswordStrength(value);
  const length = Array.from(value).length;
  const hint = value
    ? [
        t(strengthKeys[strength]),
        length < passwordMinLength ? t('password.missing', { count: passwordMinLength - length }) : '',
      ].join(' ')
    : t('password.hint', { min: passwordMinLength });
  return (
    <Stack gap={6}>
      <PasswordInput
        autoComplete="new-password"
        description={hint}
        inputWrapperOrder={['label', 'input', 'error', 'description']}
        value={value}
        {...props}
      />
      <Progress value={value ? strength * 25 : 0} color={strengthColors[strength]} size="sm" aria-hidden />
    </Stack>
  );
}
