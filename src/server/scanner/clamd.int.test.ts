import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { ScannerConfig } from '../config.js';
import { createClamdScanner } from './clamd.js';
import { ScannerUnavailableError } from './scanning.js';
import type { VirusScanner } from './scanning.js';

const { clamd } = inject('services');

// Assembled at run time so that this file itself is never flagged by a virus scanner.
const eicar = Buffer.from(
  ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-', 'ANTIVIRUS-TEST-FILE!$H+H*'].join(''),
  'latin1',
);

type ClamdConfig = Extract<ScannerConfig, { kind: 'clamd' }>;

function tcpConfig(port: number, timeoutMs = 10_000): ClamdConfig {
  return { kind: 'clamd', socket: undefined, host: '127.0.0.1', port, timeoutMs };
}

async function scan(scanner: VirusScanner, chunks: Buffer[]) {
  const session = await scanner.startScan();
  for (const chunk of chunks) {
    await session.write(chunk);
  }
  return session.finish();
}

function splitEvery(data: Buffer, size: number): Buffer[] {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += size) {
    parts.push(data.subarray(offset, offset + size));
  }
  return parts;
}

describe.skipIf(!clamd)('clamd scanner against the real clamd', () => {
  const transports = clamd
    ? [
        { name: 'TCP', config: tcpConfig(clamd.port) },
        { name: 'unix socket', config: { ...tcpConfig(clamd.port), socket: clamd.socket } },
      ]
    : [];

  it('has a 68-byte EICAR test string', () => {
    expect(eicar).toHaveLength(68);
  });

  describe.each(transports)('over $name', ({ config }) => {
    const scanner = createClamdScanner(config);

    it('answers a ping', async () => {
      await expect(scanner.ping()).resolves.toBeUndefined();
    });

    it('finds a clean buffer clean', async () => {
      await expect(scan(scanner, [Buffer.from('Rozliczenie prowizji, zwykły tekst.\n')])).resolves.toEqual({
        status: 'clean',
      });
    });

    it('finds an empty stream clean', async () => {
      await expect(scan(scanner, [])).resolves.toEqual({ status: 'clean' });
    });

    it('detects EICAR', async () => {
      const verdict = await scan(scanner, [eicar]);
      expect(verdict.status).toBe('infected');
      expect(verdict.status === 'infected' && verdict.signature).toMatch(/EICAR/i);
    });

    it('detects EICAR written one byte at a time, with empty writes in between', async () => {
      const chunks = splitEvery(eicar, 1).flatMap((byte) => [byte, Buffer.alloc(0)]);
      await expect(scan(scanner, chunks)).resolves.toMatchObject({ status: 'infected' });
    });

    it('detects EICAR embedded in a multi-megabyte buffer written at once', async () => {
      const data = Buffer.concat([randomBytes(5 * 1024 * 1024 + 17), eicar, randomBytes(3 * 1024 * 1024)]);
      await expect(scan(scanner, [data])).resolves.toMatchObject({ status: 'infected' });
    });

    it('finds a multi-megabyte clean buffer written in 64 KiB chunks clean', async () => {
      const data = Buffer.alloc(6 * 1024 * 1024, 'Lorem ipsum; 123,45 zł\n');
      await expect(scan(scanner, splitEvery(data, 64 * 1024))).resolves.toEqual({ status: 'clean' });
    });
  });
});

describe('clamd scanner failure modes', () => {
  const servers: net.Server[] = [];

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  async function startFakeClamd(onConnection: (socket: net.Socket) => void): Promise<number> {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      onConnection(socket);
    });
    server.on('close', () => {
      sockets.forEach((socket) => socket.destroy());
    });
    const originalClose = server.close.bind(server);
    server.close = (callback) => {
      sockets.forEach((socket) => socket.destroy());
      return originalClose(callback);
    };
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') {
      throw new Error('no port');
    }
    return address.port;
  }

  async function unusedPort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise((resolve) => server.close(resolve));
    if (address === null || typeof address === 'string') {
      throw new Error('no port');
    }
    return address.port;
  }

  it('fails closed when nothing listens on the port', async () => {
    const scanner = createClamdScanner(tcpConfig(await unusedPort()));
    await expect(scanner.startScan()).rejects.toBeInstanceOf(ScannerUnavailableError);
    await expect(scanner.ping()).rejects.toMatchObject({ code: 'scanner_unavailable' });
  });

  it('fails closed when the unix socket does not exist', async () => {
    const scanner = createClamdScanner({ ...tcpConfig(1), socket: '/nonexistent/clamd.sock' });
    await expect(scanner.startScan()).rejects.toBeInstanceOf(ScannerUnavailableError);
  });

  it('times out when the server never answers', async () => {
    const port = await startFakeClamd((socket) => {
      socket.resume();
    });
    const scanner = createClamdScanner(tcpConfig(port, 300));
    const session = await scanner.startScan();
    await session.write(Buffer.from('data'));
    const started = Date.now();
    await expect(session.finish()).rejects.toThrow(/no verdict within 300 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await expect(scanner.ping()).rejects.toThrow(/no PONG within 300 ms/);
  });

  it('refuses a garbage reply', async () => {
    const port = await startFakeClamd((socket) => {
      socket.once('data', () => socket.end('I am not clamd\0'));
    });
    const scanner = createClamdScanner(tcpConfig(port));
    await expect(scan(scanner, [Buffer.from('data')])).rejects.toThrow(/unexpected reply "I am not clamd"/);
    await expect(scanner.ping()).rejects.toBeInstanceOf(ScannerUnavailableError);
  });

  it('refuses a reply that never ends', async () => {
    const port = await startFakeClamd((socket) => {
      socket.once('data', () => socket.write(Buffer.alloc(10_000, 'x')));
    });
    await expect(scan(createClamdScanner(tcpConfig(port)), [Buffer.from('data')])).rejects.toThrow(
      /too long/,
    );
  });

  it('refuses an error reply such as a size limit, even before the stream ends', async () => {
    const port = await startFakeClamd((socket) => {
      socket.once('data', () => socket.end('INSTREAM size limit exceeded. ERROR\0'));
    });
    const session = await createClamdScanner(tcpConfig(port)).startScan();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(session.write(Buffer.from('more'))).rejects.toThrow(/size limit exceeded/);
    await expect(session.finish()).rejects.toBeInstanceOf(ScannerUnavailableError);
  });

  it('fails when the server closes the connection without a reply', async () => {
    const port = await startFakeClamd((socket) => {
      socket.once('data', () => socket.destroy());
    });
    await expect(scan(createClamdScanner(tcpConfig(port)), [Buffer.from('data')])).rejects.toThrow(
      /closed before a reply|connection failed/,
    );
  });

  it('frames the stream in chunks of at most 1 MiB and ends it with a zero length', async () => {
    const frames: number[] = [];
    const payload: Buffer[] = [];
    const port = await startFakeClamd((socket) => {
      let pending = Buffer.alloc(0);
      let isStarted = false;
      socket.on('data', (data: Buffer) => {
        pending = Buffer.concat([pending, data]);
        if (!isStarted) {
          if (pending.length < 10) {
            return;
          }
          expect(pending.subarray(0, 10).toString('latin1')).toBe('zINSTREAM\0');
          pending = pending.subarray(10);
          isStarted = true;
        }
        while (pending.length >= 4) {
          const length = pending.readUInt32BE(0);
          if (length === 0) {
            socket.end('stream: OK\0');
            return;
          }
          if (pending.length < 4 + length) {
            return;
          }
          frames.push(length);
          payload.push(pending.subarray(4, 4 + length));
          pending = pending.subarray(4 + length);
        }
      });
    });
    const data = randomBytes(2.5 * 1024 * 1024);
    await expect(scan(createClamdScanner(tcpConfig(port)), [data, Buffer.from('end')])).resolves.toEqual({
      status: 'clean',
    });
    expect(frames).toEqual([1024 * 1024, 1024 * 1024, 0.5 * 1024 * 1024, 3]);
    expect(Buffer.concat(payload).equals(Buffer.concat([data, Buffer.from('end')]))).toBe(true);
  });

  it('honours backpressure: write resolves only once the server reads again', async () => {
    let serverSocket: net.Socket | undefined;
    const port = await startFakeClamd((socket) => {
      serverSocket = socket;
      socket.pause();
    });
    const session = await createClamdScanner(tcpConfig(port, 10_000)).startScan();
    let isWritten = false;
    const write = session.write(Buffer.alloc(32 * 1024 * 1024)).then(() => {
      isWritten = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(isWritten).toBe(false);
    serverSocket?.resume();
    await write;
    expect(isWritten).toBe(true);
    session.abort();
  });

  it('fails when the server stops reading for longer than the timeout', async () => {
    const port = await startFakeClamd((socket) => {
      socket.pause();
    });
    const session = await createClamdScanner(tcpConfig(port, 300)).startScan();
    await expect(session.write(Buffer.alloc(32 * 1024 * 1024))).rejects.toThrow(/did not accept more data/);
    await expect(session.finish()).rejects.toBeInstanceOf(ScannerUnavailableError);
  });

  it('fails every later call once aborted', async () => {
    const port = await startFakeClamd((socket) => {
      socket.resume();
    });
    const session = await createClamdScanner(tcpConfig(port)).startScan();
    session.abort();
    await expect(session.write(Buffer.from('x'))).rejects.toThrow(/aborted/);
    await expect(session.finish()).rejects.toThrow(/aborted/);
  });
});
