import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolve(address && typeof address === 'object' ? address.port : 0);
      });
    });
  });
}

function get(
  url: string,
  ca: Buffer,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, headers: response.headers });
      })
      .on('error', reject);
  });
}

/** The server terminating TLS itself, with a certificate made for the test by openssl. */
describe('TLS termination with TLS_CERT_FILE and TLS_KEY_FILE', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sejf-tls-'));
  let server: ChildProcess | null = null;

  afterAll(() => {
    server?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves only HTTPS, with HSTS, and prints an https setup link', async () => {
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const port = await freePort();
    let output = '';
    server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: path.join(dir, 'data'),
        TLS_CERT_FILE: cert,
        TLS_KEY_FILE: key,
        SEJF_MASTER_KEY: randomBytes(32).toString('base64'),
        VIRUS_SCAN: 'off',
        LOG_LEVEL: 'warn',
      },
    });
    server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 90_000;
    while (!output.includes('/setup#token=')) {
      if (Date.now() > deadline || server.exitCode !== null) {
        throw new Error(`The TLS server did not start:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(output).toContain(`https://localhost:${port}/setup#token=`);

    const ca = fs.readFileSync(cert);
    const health = await get(`https://localhost:${port}/api/health`, ca);
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(String(health.headers['content-security-policy'])).toContain('upgrade-insecure-requests');

    const plain = await fetch(`http://localhost:${port}/api/health`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(plain).toBe('refused');
  });
});
