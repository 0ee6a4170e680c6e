import pino from 'pino';
import type { Config } from './config.js';

export type Logger = pino.Logger;

/** JSON logs with request ids; secrets and personal data are redacted at the source and here again. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.currentPassword',
        '*.newPassword',
        '*.code',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}
