import type { Logger } from 'pino';
import type { ScannerConfig } from '../config.js';
import { createClamdScanner } from './clamd.js';
import type { ScanSession, VirusScanner } from './scanning.js';

export type ScannerLogger = Pick<Logger, 'warn' | 'info' | 'error'>;

export function createVirusScanner(config: ScannerConfig, logger: ScannerLogger): VirusScanner {
  switch (config.kind) {
    case 'clamd': {
      const target = config.socket ?? `${config.host}:${config.port}`;
      logger.info({ clamd: target }, 'Uploads are scanned for viruses by clamd');
      return createClamdScanner(config);
    }
    case 'none':
      logger.warn(
        'VIRUS SCANNING IS OFF: uploaded files are NOT scanned for viruses. Set CLAMD_SOCKET or CLAMD_HOST to enable clamd.',
      );
      return createNoScanner();
  }
}

function createNoScanner(): VirusScanner {
  const session: ScanSession = {
    write: () => Promise.resolve(),
    finish: () => Promise.resolve({ status: 'not_scanned' }),
    abort: () => undefined,
  };
  return {
    kind: 'none',
    startScan: () => Promise.resolve(session),
    ping: () => Promise.resolve(),
  };
}
