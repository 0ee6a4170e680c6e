import { Text, TextInput, type TextInputProps } from '@mantine/core';

/**
 * An amount in złoty typed the Polish way (`1 234,56`); the form keeps the text and converts it
 * to grosze with parseAmountField when it is sent, never through a floating-point number.
 */
export function MoneyInput(props: TextInputProps) {
  return (
    <TextInput
      inputMode="decimal"
      autoComplete="off"
      classNames={{ input: 'tabular' }}
      rightSection={
        <Text size="sm" c="dimmed" aria-hidden>
          zł
        </Text>
      }
      {...props}
    />
  );
}
