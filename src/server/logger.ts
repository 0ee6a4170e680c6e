import pino from 'pino';
import type { Config } from './config.js';
import { describeDatabaseError } from './db/errors.js';

export type Logger = pino.Logger;

/** JSON logs with request ids; secrets and personal data are redacted at the source and here again. */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    serializers: {
      // A database error is logged as the driver's message, never with the query's parameters.
      err: (error: unknown) => {
        const database = describeDatabaseError(error);
        return database ? { type: 'DatabaseError', ...database } : pino.stdSerializers.err(error as Error);
      },
    },
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.currentPassword',
        '*.newPassword',
        'body.code',
        '*.body.code',
        '*.token',
        '*.secret',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
