export type PasswordStrength = 0 | 1 | 2 | 3 | 4;

export const passwordMinLength = 12;

/**
 * A rough hint while typing; the server has the final word (it checks a list of common passwords
 * and a proper estimator). Length counts most, as NIST SP 800-63B advises.
 */
export function estimatePasswordStrength(password: string): PasswordStrength {
  const length = Array.from(password).length;
  if (length === 0) {
    return 0;
  }
  if (length < passwordMinLength) {
    return 1;
  }
  const classes = [/[a-ząćęłńóśźż]/, /[A-ZĄĆĘŁŃÓŚŹŻ]/, /\d/, /[^\p{L}\d]/u].filter((re) =>
    re.test(password),
  ).length;
  const distinct = new Set(password.toLowerCase()).size;
  if (distinct < 6) {
    return 1;
  }
  const score = (length >= 16 ? 2 : 1) + (classes >= 3 ? 1 : 0) + (length >= 20 ? 1 : 0);
  return score >= 4 ? 4 : score >= 3 ? 3 : 2;
}
