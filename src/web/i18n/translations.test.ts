import { describe, expect, it } from 'vitest';
import { auditEventNames } from '../../shared/audit-events';
import { errorCodes } from '../../shared/error-codes';
import en from './en.json';
import pl from './pl.json';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

function lookup(tree: Tree, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Tree)[part] : undefined),
      tree,
    );
}

describe('translations', () => {
  it('has the same keys in Polish and English', () => {
    expect(keys(en as Tree).sort()).toEqual(keys(pl as Tree).sort());
  });

  it.each([
    ['pl', pl],
    ['en', en],
  ])('names every error code and every audit event (%s)', (_locale, texts) => {
    const missing = [
      ...errorCodes
        .filter((code) => typeof lookup(texts as Tree, `errors.${code}`) !== 'string')
        .map((c) => `errors.${c}`),
      ...auditEventNames
        .filter((name) => typeof lookup(texts as Tree, `audit.events.${name}`) !== 'string')
        .map((n) => `audit.events.${n}`),
    ];
    expect(missing).toEqual([]);
  });

  it('has no empty texts', () => {
    for (const texts of [pl, en]) {
      expect(
        keys(texts as Tree).filter((key) => (lookup(texts as Tree, key) as string).trim() === ''),
      ).toEqual([]);
    }
  });
});
