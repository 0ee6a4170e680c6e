import type { Grosze } from '../../../../shared/money.js';

/**
 * Adds two amounts, refusing a result beyond the safe integer range: while every partial sum is safe, float
 * addition of integers is exact, so a total is either exact or an error, never silently rounded.
 */
export function addGrosze(a: Grosze, b: Grosze): Grosze {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) {
    throw new RangeError('Total exceeds the safe integer range of grosze');
  }
  return sum;
}

/** a − b, checked like addGrosze; 0 − 0 is +0, never −0. */
export function subtractGrosze(a: Grosze, b: Grosze): Grosze {
  return addGrosze(a, 0 - b);
}
