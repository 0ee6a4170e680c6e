import { Text, type TextProps } from '@mantine/core';
import { formatAmount, type Grosze } from '../../shared/money';

type MoneyTextProps = TextProps & { grosze: Grosze };

/** An amount as `1 234,56 zł`: right-aligned, tabular digits, negative amounts in red. */
export function MoneyText({ grosze, ...props }: MoneyTextProps) {
  return (
    <Text
      component="span"
      className="tabular"
      ta="right"
      c={grosze < 0 ? 'red.9' : undefined}
      style={{ whiteSpace: 'nowrap', display: 'inline-block' }}
      {...props}
    >
      {formatAmount(grosze)}
    </Text>
  );
}
