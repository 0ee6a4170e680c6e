import { describe, expect, it } from 'vitest';
import { formatBankAccount } from './bank-account';

describe('formatBankAccount', () => {
  it('prints a Polish account as an NRB in groups of four', () => {
    expect(formatBankAccount('PL61109010140000071219812874')).toBe('61 1090 1014 0000 0712 1981 2874');
    expect(formatBankAccount('61 1090 1014 0000 0712 1981 2874')).toBe('61 1090 1014 0000 0712 1981 2874');
  });

  it('prints a foreign IBAN in groups of four and leaves anything else as typed', () => {
    expect(formatBankAccount('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
    expect(formatBankAccount('not an account')).toBe('not an account');
  });
});
