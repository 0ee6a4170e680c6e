import { AppError } from '../errors.js';
import type { Logger } from 'pino';
import type { ScannerConfig } from '../config.js';
import { createClamdScanner } from './clamd.js';

export type ScanVerdict =
  { status: 'clean' } | { status: 'infected'; signature: string } | { status: 'not_scanned' };

/** One upload streamed to the scanner. `write` resolves only when the scanner can take more data. */
export type ScanSession = {
  write(chunk: Buffer): Promise<void>;
  finish(): Promise<ScanVerdict>;
  abort(): void;
};

export type VirusScanner = {
  kind: 'clamd' | 'none';
  startScan(): Promise<ScanSession>;
  ping(): Promise<void>;
};

export type ScannerLogger = Pick<Logger, 'warn' | 'info' | 'error'>;

/** The scanner could not give a verdict; callers fail closed and refuse the upload. */
export class ScannerUnavailableError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('scanner_unavailable', message);
    this.name = 'ScannerUnavailableError';
    this.cause = options?.cause;
  }
}

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
