import { describe, expect, it, vi } from 'vitest';
import { ScannerUnavailableError } from './scanning.js';
import { createVirusScanner } from './virus-scanner.js';

function fakeLogger() {
  return { warn: vi.fn(), info: vi.fn(), error: vi.fn() };
}

describe('createVirusScanner', () => {
  it('without a scanner, warns loudly once and reports files as not scanned', async () => {
    const logger = fakeLogger();
    const scanner = createVirusScanner({ kind: 'none' }, logger);
    expect(scanner.kind).toBe('none');
    for (let i = 0; i < 2; i++) {
      const session = await scanner.startScan();
      await session.write(Buffer.from('anything'));
      await expect(session.finish()).resolves.toEqual({ status: 'not_scanned' });
    }
    await expect(scanner.ping()).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(String(logger.warn.mock.calls[0]?.[0])).toMatch(/NOT scanned for viruses/);
  });

  it('with clamd configured, picks clamd without connecting yet', () => {
    const logger = fakeLogger();
    const scanner = createVirusScanner(
      { kind: 'clamd', socket: '/run/clamav/clamd.ctl', host: '127.0.0.1', port: 3310, timeoutMs: 1000 },
      logger,
    );
    expect(scanner.kind).toBe('clamd');
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledTimes(1);
  });
});

describe('ScannerUnavailableError', () => {
  it('carries the API error code', () => {
    const error = new ScannerUnavailableError('down');
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('scanner_unavailable');
    expect(error.name).toBe('ScannerUnavailableError');
  });
});
