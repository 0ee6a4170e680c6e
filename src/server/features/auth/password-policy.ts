import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as polishDictionary } from '@zxcvbn-ts/language-pl';
import { AppError } from '../../errors.js';

export const passwordMinLength = 12;
export const passwordMaxLength = 256;

const estimator = new ZxcvbnFactory({
  dictionary: { ...commonDictionary, ...polishDictionary },
  graphs: adjacencyGraphs,
});

const commonPasswords = new Set(commonDictionary['passwords-common']);

/**
 * Length first (NIST SP 800-63B: length beats composition rules), then a list of common passwords
 * and a zxcvbn estimate that knows Polish words and names and the person's own data.
 */
export function assertAcceptablePassword(password: string, personalWords: string[]): void {
  const length = Array.from(password).length;
  if (length < passwordMinLength) {
    throw new AppError(
      'password_too_short',
      `The password must have at least ${passwordMinLength} characters`,
    );
  }
  if (length > passwordMaxLength) {
    throw new AppError('password_too_long', `The password must have at most ${passwordMaxLength} characters`);
  }
  if (commonPasswords.has(password.toLowerCase())) {
    throw new AppError('password_too_common', 'This password is on a list of commonly used passwords');
  }
  const userInputs = personalWords.flatMap((word) => word.toLowerCase().split(/[\s@.]+/)).filter(Boolean);
  const result = estimator.check(password, userInputs);
  if (result.score < 3) {
    throw new AppError('password_too_weak', 'This password is too easy to guess', {
      score: result.score,
    });
  }
}
