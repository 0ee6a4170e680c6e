import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

// A lone UTF-16 surrogate cannot be stored as written (PostgreSQL turns it into U+FFFD), and NUL
// is refused by PostgreSQL outright: either would make what is stored differ from what was
// checked and hashed (the audit chain), or fail deep inside a query.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isAcceptableText(value: string): boolean {
  return !value.includes('\u0000') && !loneSurrogate.test(value);
}

/** The path of the first string in `value` that is not acceptable text, or null. */
export function findUnacceptableText(value: unknown, path = ''): string | null {
  if (typeof value === 'string') {
    return isAcceptableText(value) ? null : path;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnacceptableText(item, path ? `${path}.${index}` : String(index));
      if (found !== null) {
        return found;
      }
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findUnacceptableText(item, path ? `${path}.${key}` : key);
      if (found !== null) {
        return found;
      }
    }
  }
  return null;
}

export function unacceptableTextError(path: string): AppError {
  return new AppError('validation_failed', 'The text contains characters that are not allowed', {
    issues: [{ path, code: 'invalid_characters', message: 'invalid_characters' }],
  });
}

/** Refuses such text in every JSON body, query and path before validation. */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['body', request.body],
      ['query', request.query],
      ['params', request.params],
    ] as const) {
      const path = findUnacceptableText(value);
      if (path !== null) {
        throw unacceptableTextError(path ? `${part}.${path}` : part);
      }
    }
  });
}
