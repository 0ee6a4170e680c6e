import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { assertAcceptablePassword } from './password-policy.js';

const person = [
  'anna.kowalska@biuro-ubezpieczen.pl',
  'Anna Łukasiewicz-Kowalska',
  'Agencja Bursztyn sp. z o.o.',
];

function codeOf(password: string): string | null {
  try {
    assertAcceptablePassword(password, person);
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : 'unexpected';
  }
}

describe('password policy', () => {
  it.each([
    ['Kr0tk1e-Ha$', 'password_too_short'],
    ['password1234', 'password_too_common'],
    ['anna.kowalska@biuro-ubezpieczen.pl', 'password_too_weak'],
    ['Anna-Lukasiewicz-1', 'password_too_weak'],
    ['ŁUKASIEWICZ.kowalska.2026', 'password_too_weak'],
    ['bursztyn-ubezpieczen-99', 'password_too_weak'],
  ])('refuses %s', (password, code) => {
    expect(codeOf(password)).toBe(code);
  });

  it.each([
    'Zielona-Herbata-Pod-Lipa-2026',
    'Joanna-Pije-Herbate-Pod-Lipa',
    'Anna-i-7-Krasnoludkow-Na-Strychu',
  ])('accepts %s, whose rest is strong without the personal words', (password) => {
    expect(codeOf(password)).toBeNull();
  });
});
