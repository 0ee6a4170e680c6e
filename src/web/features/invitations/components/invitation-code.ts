/**
 * Codes are printed as XXXX-XXXX-XXXX; people type them in lower case, with spaces or without
 * dashes. The server normalizes too; this only makes what is shown and sent tidy.
 */
export function normalizeInvitationCode(input: string): string {
  const compact = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return (compact.match(/.{1,4}/g) ?? []).join('-');
}
