import net from 'node:net';
import type { ScannerConfig } from '../config.js';
import {
  ScannerUnavailableError,
  type ScanSession,
  type ScanVerdict,
  type VirusScanner,
} from './scanning.js';

type ClamdConfig = Extract<ScannerConfig, { kind: 'clamd' }>;

const maxChunkBytes = 1024 * 1024;
// A real reply is one short line; anything longer is not clamd talking.
const maxReplyBytes = 4096;
const endOfStream = Buffer.alloc(4);

type Conversation = {
  /** Resolves with the reply up to its NUL; rejects when the connection fails or closes first. */
  reply: Promise<string>;
  /** The reply or failure once known, so writers can stop early. */
  current(): { reply: string } | { error: Error } | undefined;
};

function unavailable(message: string, cause?: unknown): ScannerUnavailableError {
  return new ScannerUnavailableError(`clamd: ${message}`, cause === undefined ? undefined : { cause });
}

function printable(reply: string): string {
  return JSON.stringify(reply.length > 200 ? `${reply.slice(0, 200)}…` : reply);
}

function connect(config: ClamdConfig): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = config.socket
      ? net.createConnection({ path: config.socket })
      : net.createConnection({ host: config.host, port: config.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(unavailable(`no connection within ${config.timeoutMs} ms`));
    }, config.timeoutMs);
    const onError = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(unavailable(`cannot connect (${error.message})`, error));
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

function listen(socket: net.Socket): Conversation {
  let outcome: { reply: string } | { error: Error } | undefined;
  const received: Buffer[] = [];
  let receivedBytes = 0;
  const reply = new Promise<string>((resolve, reject) => {
    const settle = (result: { reply: string } | { error: Error }) => {
      if (outcome !== undefined) {
        return;
      }
      outcome = result;
      if ('reply' in result) {
        resolve(result.reply);
      } else {
        reject(result.error);
      }
    };
    socket.on('data', (data: Buffer) => {
      const nul = data.indexOf(0);
      received.push(nul === -1 ? data : data.subarray(0, nul));
      receivedBytes += nul === -1 ? data.length : nul;
      if (nul !== -1) {
        settle({ reply: Buffer.concat(received).toString('utf8').trim() });
      } else if (receivedBytes > maxReplyBytes) {
        settle({ error: unavailable('reply too long, this is not clamd') });
        socket.destroy();
      }
    });
    socket.on('error', (error) => {
      settle({ error: unavailable(`connection failed (${error.message})`, error) });
    });
    socket.on('close', () => {
      settle({ error: unavailable('connection closed before a reply') });
    });
  });
  reply.catch(() => undefined);
  return { reply, current: () => outcome };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(unavailable(message));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

function waitForDrain(socket: net.Socket, conversation: Conversation, timeoutMs: number): Promise<void> {
  let onDrain: (() => void) | undefined;
  const drained = new Promise<void>((resolve) => {
    onDrain = resolve;
    socket.once('drain', resolve);
  });
  const replied = conversation.reply.then(() => undefined);
  return withTimeout(
    Promise.race([drained, replied]),
    timeoutMs,
    `did not accept more data within ${timeoutMs} ms`,
  ).finally(() => {
    if (onDrain) {
      socket.off('drain', onDrain);
    }
  });
}

function parseVerdict(reply: string): ScanVerdict {
  if (reply === 'stream: OK') {
    return { status: 'clean' };
  }
  const found = /^stream: (.+) FOUND$/.exec(reply);
  if (found?.[1]) {
    return { status: 'infected', signature: found[1] };
  }
  throw unavailable(`unexpected reply ${printable(reply)}`);
}

async function startSession(config: ClamdConfig): Promise<ScanSession> {
  const socket = await connect(config);
  const conversation = listen(socket);
  let failure: Error | undefined;
  let isFinished = false;
  let queue: Promise<void> = Promise.resolve();

  const fail = (error: unknown): never => {
    failure ??= error instanceof ScannerUnavailableError ? error : unavailable('scan failed', error);
    socket.destroy();
    throw failure;
  };

  // True when clamd already answered: a verdict means the rest is not needed, anything else is fatal.
  const hasEarlyReply = (): boolean => {
    const current = conversation.current();
    if (current === undefined) {
      return false;
    }
    if ('error' in current) {
      return fail(current.error);
    }
    parseVerdict(current.reply);
    return true;
  };

  const send = async (chunk: Buffer): Promise<void> => {
    for (let offset = 0; offset < chunk.length; offset += maxChunkBytes) {
      if (failure) {
        throw failure;
      }
      if (hasEarlyReply()) {
        return;
      }
      const piece = chunk.subarray(offset, offset + maxChunkBytes);
      const header = Buffer.alloc(4);
      header.writeUInt32BE(piece.length);
      socket.write(header);
      if (!socket.write(piece)) {
        await waitForDrain(socket, conversation, config.timeoutMs);
      }
    }
  };

  socket.write('zINSTREAM\0');
  return {
    write(chunk) {
      if (isFinished) {
        return Promise.reject(new Error('scan session already finished'));
      }
      // Serialised so that a chunk split for backpressure is never interleaved with the next one.
      const run = queue.then(() => send(chunk)).catch(fail);
      queue = run.catch(() => undefined);
      return run;
    },
    async finish() {
      if (isFinished) {
        throw new Error('scan session already finished');
      }
      isFinished = true;
      try {
        await queue;
        if (failure) {
          throw failure;
        }
        if (!hasEarlyReply()) {
          socket.write(endOfStream);
        }
        const reply = await withTimeout(
          conversation.reply,
          config.timeoutMs,
          `no verdict within ${config.timeoutMs} ms`,
        );
        return parseVerdict(reply);
      } catch (error) {
        return fail(error);
      } finally {
        socket.destroy();
      }
    },
    abort() {
      failure ??= unavailable('scan aborted');
      socket.destroy();
    },
  };
}

async function ping(config: ClamdConfig): Promise<void> {
  const socket = await connect(config);
  try {
    const conversation = listen(socket);
    socket.write('zPING\0');
    const reply = await withTimeout(
      conversation.reply,
      config.timeoutMs,
      `no PONG within ${config.timeoutMs} ms`,
    );
    if (reply !== 'PONG') {
      throw unavailable(`unexpected reply to PING ${printable(reply)}`);
    }
  } finally {
    socket.destroy();
  }
}

/** clamd's INSTREAM protocol; every doubt (errors, timeouts, odd replies) becomes ScannerUnavailableError. */
export function createClamdScanner(config: ClamdConfig): VirusScanner {
  return {
    kind: 'clamd',
    startScan: () => startSession(config),
    ping: () => ping(config),
  };
}
