import { AppError } from '../errors.js';

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

/** The scanner could not give a verdict; callers fail closed and refuse the upload. */
export class ScannerUnavailableError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('scanner_unavailable', message);
    this.name = 'ScannerUnavailableError';
    this.cause = options?.cause;
  }
}
