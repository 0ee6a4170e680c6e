import { formatIban, normalizeIban } from '../../shared/identifiers';

/**
 * A Polish account the way Polish banks print it (NRB: `61 1090 1014 0000 0712 1981 2874`);
 * a foreign IBAN in its usual groups of four.
 */
export function formatBankAccount(account: string): string {
  const normalized = normalizeIban(account);
  if (normalized === null) {
    return account;
  }
  if (normalized.startsWith('PL')) {
    const digits = normalized.slice(2);
    return `${digits.slice(0, 2)} ${digits.slice(2).replace(/(.{4})(?=.)/g, '$1 ')}`;
  }
  return formatIban(normalized);
}
