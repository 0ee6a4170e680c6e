import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/server/config.js';
import { documentFiles, documents } from '../src/server/db/schema/documents.js';
import { closePlatform, createPlatform } from '../src/server/platform.js';
import { ownerPassword, totpCode } from './flows.js';
import { filesUnder } from './support/files.js';

const root = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') {
          resolve(address.port);
        } else {
          reject(new Error('no port'));
        }
      });
    });
  });
}

/** The real server, started as a separate process from the sources. */
function startServer(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/main.ts')], {
    env,
    cwd: root,
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function waitFor<T>(probe: () => Promise<T | null>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => null);
    if (value !== null) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('a server killed in the middle of an upload', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sejf-crash-'));
  let server: ChildProcess | null = null;

  afterAll(() => {
    server?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves no visible document and, after the cleanup job, no orphan blob', async () => {
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: origin,
      DATA_DIR: dataDir,
      SEJF_MASTER_KEY: randomBytes(32).toString('base64'),
      VIRUS_SCAN: 'off',
      LOG_LEVEL: 'warn',
    };
    const cookies = new Map<string, string>();
    const call = async (method: string, url: string, body?: unknown) => {
      const response = await fetch(`${origin}${url}`, {
        method,
        headers: {
          origin,
          'content-type': 'application/json',
          cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      for (const header of response.headers.getSetCookie()) {
        const [pair] = header.split(';');
        const [name, value] = (pair ?? '').split('=');
        if (name && value !== undefined) {
          cookies.set(name, value);
        }
      }
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };

    const first = startServer(env);
    server = first.child;
    const token = await waitFor(
      async () => /#token=([\w-]+)/.exec(first.output())?.[1] ?? null,
      'the setup link',
    );
    const setup = await call('POST', '/api/setup', {
      token,
      agency: { name: 'Agencja Awaria', nip: '5242953841' },
      owner: { fullName: 'Anna Właścicielka', email: 'awaria@agencja.pl', password: ownerPassword },
    });
    expect(setup.status).toBe(201);
    const enrol = await call('POST', '/api/account/totp');
    const secret = String(enrol.json.secret);
    expect(
      (
        await call('POST', '/api/account/totp/confirm', {
          factorId: enrol.json.factorId,
          code: totpCode(secret, new Date()),
        })
      ).status,
    ).toBe(200);
    const collaborator = await call('POST', '/api/collaborators', {
      fullName: 'Jan Kowalski',
      email: 'jan@wspolpracownik.pl',
      knfNumber: '11257162/A',
      nip: '5250007313',
      taxMode: 'invoice',
    });
    expect(collaborator.status).toBe(201);

    // Start an upload and stop sending half-way, as if the connection hung; then kill the server.
    const boundary = 'sejf-crash-boundary';
    const request = http.request(`${origin}/api/documents`, {
      method: 'POST',
      headers: {
        origin,
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'transfer-encoding': 'chunked',
      },
    });
    request.on('error', () => undefined);
    const field = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    request.write(field('collaboratorId', String(collaborator.json.id)));
    request.write(field('title', 'Rozliczenie przerwane'));
    request.write(field('periodMonth', '2026-11'));
    request.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="przerwany.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    request.write(Buffer.concat([Buffer.from('%PDF-1.4\n% '), randomBytes(2 * 1024 * 1024)]));
    const filesDir = path.join(dataDir, 'files');
    await waitFor(
      async () => (filesUnder(filesDir).some((f) => f.endsWith('.part')) ? true : null),
      'a partial blob',
    );
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    request.destroy();
    server = null;

    // After the restart nothing of the upload is visible.
    const second = startServer(env);
    server = second.child;
    await waitFor(
      async () => ((await fetch(`${origin}/api/health`)).ok ? true : null),
      'the restarted server',
    );
    const listed = await call('GET', '/api/documents');
    expect(listed.status).toBe(200);
    expect(listed.json.total).toBe(0);
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
    server = null;

    // The cleanup job (run now, not in an hour) removes the rows and every stored byte of it.
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(root, 'src/server/cli/main.ts'),
        'cleanup',
        '--abandoned-after-minutes',
        '0',
      ],
      { env, cwd: root },
    );
    expect(stdout).toContain('Removed 1 interrupted upload(s)');
    expect(filesUnder(filesDir)).toEqual([]);
    const platform = await createPlatform(parseConfig(env));
    const rows = await platform.db.system(async (tx) => ({
      documents: await tx.select().from(documents),
      files: await tx.select().from(documentFiles),
    }));
    await closePlatform(platform);
    expect(rows).toEqual({ documents: [], files: [] });
  });
});
