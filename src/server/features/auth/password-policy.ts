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

/** Personal words shorter than this are too common as fragments ("pl", "sp") to count. */
const minPersonalPartLength = 3;

/** Lower case without diacritics (ł has no combining mark), as people type names in passwords. */
function fold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replaceAll('ł', 'l');
}

/** The e-mail, name and similar split into words, longest first, folded. */
function personalParts(personalWords: string[]): string[] {
  const parts = personalWords
    .flatMap((word) => fold(word).split(/[^\p{L}\p{N}]+/u))
    .filter((part) => part.length >= minPersonalPartLength);
  return [...new Set(parts)].sort((a, b) => b.length - a.length);
}

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
  const parts = personalParts(personalWords);
  const result = estimator.check(password, parts);
  // zxcvbn scores the separators between personal words as random characters, so
  // "Anna-Kowalska-1" or the e-mail address itself can pass: what is left once the person's own
  // words are taken out has to be strong on its own.
  const folded = fold(password);
  const rest = parts.reduce((remaining, part) => remaining.replaceAll(part, ''), folded);
  const score = rest === folded ? result.score : Math.min(result.score, estimator.check(rest, parts).score);
  if (score < 3) {
    throw new AppError('password_too_weak', 'This password is too easy to guess', { score });
  }
}
