import { TextInput, type TextInputProps } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isValidNip, normalizeNip } from '../../shared/identifiers';

type NipInputProps = Omit<TextInputProps, 'value'> & { value: string };

/**
 * A NIP checked as it is typed: once ten digits are in, a wrong checksum shows at once (a typo),
 * a right one is confirmed.
 */
export function NipInput({ value, error, description, ...props }: NipInputProps) {
  const { t } = useTranslation();
  const isComplete = normalizeNip(value) !== null;
  const isValid = isComplete && isValidNip(value);
  const liveError = isComplete && !isValid ? t('errors.invalid_nip') : null;
  return (
    <TextInput
      inputMode="numeric"
      autoComplete="off"
      value={value}
      error={error ?? liveError}
      description={isValid ? t('identifiers.nipValid') : description}
      rightSection={
        isValid ? <IconCircleCheck size={18} color="var(--mantine-color-green-9)" aria-hidden /> : null
      }
      {...props}
    />
  );
}
