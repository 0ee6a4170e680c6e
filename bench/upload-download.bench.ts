import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import pino from 'pino';
import { buildApp, createServices } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import { closePlatform, createPlatform } from '../src/server/platform.js';
import { mbPerSecond, measure, type BenchRow } from './measure.js';

const fileBytes = 50 * 2 ** 20;
const block = randomBytes(2 ** 20);

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

/** A client that keeps cookies and sends Origin, like the web app. */
function client(origin: string) {
  const cookies = new Map<string, string>();
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    cookie,
    async call(method: string, url: string, body?: unknown): Promise<Record<string, unknown>> {
      const response = await fetch(`${origin}${url}`, {
        method,
        headers: { origin, cookie: cookie(), 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const [name, value] = (pair ?? '').split('=');
        if (name && value) {
          cookies.set(name, value);
        }
      }
      return (await response.json()) as Record<string, unknown>;
    },
  };
}

/** Streams a multipart upload generated on the fly: the client never holds the file either. */
function upload(origin: string, cookie: string, collaboratorId: string, bytes: number): Promise<number> {
  const boundary = 'sejf-bench';
  return new Promise((resolve, reject) => {
    const request = http.request(`${origin}/api/documents`, {
      method: 'POST',
      headers: { origin, cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => {
        resolve(response.statusCode ?? 0);
      });
    });
    request.on('error', reject);
    const field = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    request.write(
      field('collaboratorId', collaboratorId) + field('title', 'Benchmark') + field('periodMonth', '2026-11'),
    );
    request.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="duzy.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n% `,
    );
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += block.length;
        if (!request.write(block)) {
          request.once('drain', pump);
          return;
        }
      }
      request.end(`\n%%EOF\n\r\n--${boundary}--\r\n`);
    };
    pump();
  });
}

async function download(origin: string, cookie: string, url: string): Promise<number> {
  const response = await fetch(`${origin}${url}`, { headers: { cookie } });
  let bytes = 0;
  for await (const chunk of response.body ?? []) {
    bytes += (chunk as Uint8Array).length;
  }
  return bytes;
}

/**
 * A 50 MiB document through the real HTTP server (PGlite, local storage), upload and download,
 * and five 10 MiB uploads at once. Memory is the process's: server and client together.
 */
export async function runUploadDownloadBench(): Promise<BenchRow[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sejf-bench-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const config = parseConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: origin,
    SEJF_MASTER_KEY: randomBytes(32).toString('base64'),
    VIRUS_SCAN: 'off',
    UPLOAD_MAX_BYTES: String(fileBytes + 2 ** 20),
    LOG_LEVEL: 'silent',
  });
  const platform = await createPlatform(config, { logger: pino({ level: 'silent' }) });
  const services = createServices(platform);
  const app = await buildApp(platform, services);
  await app.listen({ host: '127.0.0.1', port });
  try {
    const owner = client(origin);
    await owner.call('POST', '/api/setup', {
      token: await services.setup.issueSetupToken(),
      agency: { name: 'Agencja Benchmark', nip: '5242953841' },
      owner: {
        fullName: 'Anna Pomiar',
        email: 'bench@agencja.pl',
        password: 'Zielona-Herbata-Pod-Lipa-2026',
      },
    });
    const enrol = await owner.call('POST', '/api/account/totp');
    const code = new TOTP({ secret: Secret.fromBase32(String(enrol.secret)) }).generate();
    await owner.call('POST', '/api/account/totp/confirm', { factorId: enrol.factorId, code });
    const collaborator = await owner.call('POST', '/api/collaborators', {
      fullName: 'Jan Pomiarowy',
      email: 'jan@pomiar.pl',
      knfNumber: '11257162/A',
      nip: '5250007313',
      taxMode: 'invoice',
    });
    const collaboratorId = String(collaborator.id);

    const single = await measure(() => upload(origin, owner.cookie(), collaboratorId, fileBytes));
    if (single.result !== 201) {
      throw new Error(`upload answered ${single.result}`);
    }
    const listed = await owner.call('GET', '/api/documents');
    const doc = (listed.items as { id: string; files: { id: string }[] }[])[0];
    const url = `/api/documents/${doc?.id ?? ''}/files/${doc?.files[0]?.id ?? ''}/download`;
    const fetched = await measure(() => download(origin, owner.cookie(), url));
    const concurrent = await measure(() =>
      Promise.all(
        Array.from({ length: 5 }, () => upload(origin, owner.cookie(), collaboratorId, 10 * 2 ** 20)),
      ),
    );
    if (concurrent.result.some((status) => status !== 201)) {
      throw new Error(`concurrent uploads answered ${concurrent.result.join(', ')}`);
    }
    return [
      {
        name: 'upload 50 MiB (encrypt, hash, inspect, store)',
        value: mbPerSecond(fileBytes, single.ms),
        unit: 'MiB/s',
        note: `${(single.ms / 1000).toFixed(2)} s`,
      },
      {
        name: 'peak RSS growth during the 50 MiB upload',
        value: (single.rssPeakMb - single.rssBeforeMb).toFixed(1),
        unit: 'MiB',
        note: `RSS ${single.rssBeforeMb.toFixed(0)} → ${single.rssPeakMb.toFixed(0)} MiB`,
      },
      {
        name: 'download 50 MiB (verify pass + streamed decrypt)',
        value: mbPerSecond(fetched.result, fetched.ms),
        unit: 'MiB/s',
        note: `${(fetched.ms / 1000).toFixed(2)} s`,
      },
      {
        name: 'peak RSS growth during the download',
        value: (fetched.rssPeakMb - fetched.rssBeforeMb).toFixed(1),
        unit: 'MiB',
      },
      {
        name: '5 concurrent 10 MiB uploads',
        value: mbPerSecond(50 * 2 ** 20, concurrent.ms),
        unit: 'MiB/s',
        note: `${(concurrent.ms / 1000).toFixed(2)} s`,
      },
      {
        name: 'peak RSS growth during concurrent uploads',
        value: (concurrent.rssPeakMb - concurrent.rssBeforeMb).toFixed(1),
        unit: 'MiB',
      },
    ];
  } finally {
    await app.close();
    await closePlatform(platform);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
