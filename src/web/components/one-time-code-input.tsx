import { TextInput, type TextInputProps } from '@mantine/core';

type OneTimeCodeInputProps = Omit<TextInputProps, 'onChange' | 'value'> & {
  value: string;
  onChange: (value: string) => void;
  /** Called once six digits are in, so that nobody has to reach for the button. */
  onComplete?: (code: string) => void;
};

/** A 6-digit authenticator code: digits only, the phone's numeric keypad, filled from SMS/apps. */
export function OneTimeCodeInput({ value, onChange, onComplete, ...props }: OneTimeCodeInputProps) {
  return (
    <TextInput
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      size="lg"
      classNames={{ input: 'code-text' }}
      styles={{ input: { letterSpacing: '0.4em', fontSize: 24, maxWidth: 220 } }}
      {...props}
      value={value}
      onChange={(event) => {
        const digits = event.currentTarget.value.replace(/\D/g, '').slice(0, 6);
        onChange(digits);
        if (digits.length === 6 && digits !== value) {
          onComplete?.(digits);
        }
      }}
    />
  );
}
