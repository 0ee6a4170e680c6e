import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { z } from 'zod';

export type ReceivedMail = { from: string; to: string[]; raw: string };

export type SmtpPeer = {
  /** smtp://127.0.0.1:PORT, ready for MailConfig.url */
  url: string;
  messages(): ReceivedMail[];
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
};

const readySchema = z.object({ port: z.number().int().positive() });
const mailSchema = z.object({ from: z.string(), to: z.array(z.string()), raw: z.string() });

const root = path.resolve(import.meta.dirname, '../..');

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/**
 * Starts test/support/smtp-server-process.ts as a child process and collects what it receives.
 * `port` restarts a stopped peer where the app under test still sends (default: any free port).
 */
export async function startSmtpPeer(options: { port?: number } = {}): Promise<SmtpPeer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'smtp-server-process.ts')],
    {
      cwd: root,
      env: { ...process.env, SMTP_PEER_PORT: String(options.port ?? 0) },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const received: ReceivedMail[] = [];
  const waiters = new Set<{
    predicate: (mail: ReceivedMail) => boolean;
    resolve: (mail: ReceivedMail) => void;
  }>();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`SMTP peer did not start within 20 s. ${stderr}`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`SMTP peer exited with code ${String(code)} before it was ready. ${stderr}`));
    });
    const lines = readline.createInterface({ input: child.stdout });
    let isReady = false;
    lines.on('line', (line) => {
      const json = parseLine(line);
      if (!isReady) {
        const ready = readySchema.safeParse(json);
        if (ready.success) {
          isReady = true;
          clearTimeout(timer);
          resolve(ready.data.port);
        }
        return;
      }
      const parsed = mailSchema.safeParse(json);
      if (!parsed.success) {
        stderr += `unexpected output: ${line}\n`;
        return;
      }
      const mail = parsed.data;
      received.push(mail);
      for (const waiter of waiters) {
        if (waiter.predicate(mail)) {
          waiters.delete(waiter);
          waiter.resolve(mail);
        }
      }
    });
  });

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages: () => [...received],
    waitFor(predicate, timeoutMs = 10_000) {
      const existing = received.find(predicate);
      if (existing) {
        return Promise.resolve(existing);
      }
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (mail: ReceivedMail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching e-mail within ${timeoutMs} ms (received ${received.length})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin.end();
        child.kill('SIGTERM');
      }
      await exited;
    },
  };
}
