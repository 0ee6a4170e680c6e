import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ logLevel: 'info' }, { write: (line: string) => lines.push(line) });
  return { logger, output: () => lines.join('') };
}

describe('logger', () => {
  it('logs a failed query as the driver message, without the query or its parameters', () => {
    const { logger, output } = capture();
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
    });
    const error = new DrizzleQueryError(
      'insert into "collaborators" ("full_name", "pesel") values ($1, $2)',
      ['Jan Kowalski', '44051401359'],
      cause,
    );
    logger.error({ err: error }, 'database error');
    expect(output()).toContain('invalid byte sequence');
    expect(output()).toContain('22021');
    for (const secret of ['Jan Kowalski', '44051401359', 'insert into']) {
      expect(output()).not.toContain(secret);
    }
  });

  it('keeps ordinary errors with their message and stack', () => {
    const { logger, output } = capture();
    logger.error({ err: new Error('storage is unreachable') }, 'unhandled error');
    expect(output()).toContain('storage is unreachable');
    expect(output()).toContain('"stack"');
  });

  it('redacts passwords, codes, tokens and cookies', () => {
    const { logger, output } = capture();
    logger.info(
      {
        body: { password: 'Zielona-Herbata-2026', code: '123456', token: 'abc' },
        req: { headers: { cookie: 'x=1' } },
      },
      'request',
    );
    for (const secret of ['Zielona-Herbata-2026', '123456', 'abc', 'x=1']) {
      expect(output()).not.toContain(secret);
    }
    expect(output()).toContain('[redacted]');
  });
});
