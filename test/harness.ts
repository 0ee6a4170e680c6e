import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { buildApp, createServices, type Services } from '../src/server/app.js';
import type { Clock } from '../src/server/clock.js';
import { parseConfig, type Config } from '../src/server/config.js';
import { createKeyring, loadMasterKey } from '../src/server/crypto/keys.js';
import { openDatabase, wrapPglite, wrapPostgres, type Database } from '../src/server/db/database.js';
import { createJobs } from '../src/server/jobs/jobs.js';
import { createMailTransport } from '../src/server/mail/transport.js';
import type { Platform } from '../src/server/platform.js';
import { createVirusScanner } from '../src/server/scanner/virus-scanner.js';
import { createFileStorage } from '../src/server/storage/file-storage.js';
import { pgliteTemplatePath } from './setup/pglite-template.js';

export const publicUrl = 'http://localhost:3000';

/** A clock the test moves by hand: expiries, idle timeouts and TOTP steps without waiting. */
export type TestClock = Clock & { set(date: Date): void; advance(ms: number): void };

export function createTestClock(start = new Date('2026-11-30T09:00:00Z')): TestClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (date) => {
      now = date.getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** An idle connection failing outside a drop is a defect the test should see. */
function failOnIdleError(error: Error): void {
  console.error('database connection lost', error);
}

/**
 * A fresh, migrated database per test app: PGlite restored from a template dump by default, or a
 * new database on the PostgreSQL server when TEST_DATABASE_URL is set (CI runs both).
 */
async function openTestDatabase(fileDir: string | null): Promise<{
  db: Database;
  drop: () => Promise<void>;
  kind: 'pglite' | 'postgres';
}> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (fileDir) {
    const db = await openDatabase({ kind: 'pglite', dataDir: fileDir }, failOnIdleError);
    await db.migrate();
    return { db, kind: 'pglite', drop: () => db.close() };
  }
  if (serverUrl) {
    const name = `sejf_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const pool = new pg.Pool({ connectionString: url.toString(), max: 5 });
    let dropping = false;
    const db = wrapPostgres(pool, (error) => {
      // Dropping the database terminates connections that are still closing (57P01).
      if (dropping && error.code === '57P01') {
        return;
      }
      failOnIdleError(error);
    });
    await db.migrate();
    return {
      db,
      kind: 'postgres',
      drop: async () => {
        dropping = true;
        await db.close();
        const cleanup = new pg.Client({ connectionString: serverUrl });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  const template = new Blob([fs.readFileSync(pgliteTemplatePath)]);
  const client = await PGlite.create({ loadDataDir: template });
  const db = wrapPglite(client);
  await db.migrate();
  return { db, kind: 'pglite', drop: () => db.close() };
}

export type TestAppOptions = {
  env?: Record<string, string>;
  /** Keep the database as files under the data directory (PGlite), like a real installation. */
  databaseInDataDir?: boolean;
  clock?: TestClock;
  scanner?: { host: string; port: number; socket?: string } | null;
};

export type TestApp = {
  app: FastifyInstance;
  platform: Platform;
  services: Services;
  config: Config;
  clock: TestClock;
  dataDir: string;
  dbKind: 'pglite' | 'postgres';
  client(): TestClient;
  close(): Promise<void>;
};

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sejf-test-'));
  const scannerEnv: Record<string, string> = options.scanner
    ? { VIRUS_SCAN: 'clamd', CLAMD_HOST: options.scanner.host, CLAMD_PORT: String(options.scanner.port) }
    : { VIRUS_SCAN: 'off' };
  const config = parseConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: publicUrl,
    DATA_DIR: dataDir,
    SEJF_MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    // One render thread whatever the machine: many test apps run at once.
    RENDER_THREADS: '1',
    ...scannerEnv,
    ...options.env,
  });
  // Error-level server logs become console.error, which fails the test unless it expects them.
  const logger = pino(
    { level: 'error' },
    {
      write(line: string) {
        const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
        console.error(`[server] ${entry.msg ?? ''} ${entry.err?.message ?? ''}`.trim());
      },
    },
  );
  const clock = options.clock ?? createTestClock();
  const database = await openTestDatabase(options.databaseInDataDir ? path.join(dataDir, 'db') : null);
  const platform: Platform = {
    config,
    logger,
    clock,
    db: database.db,
    storage: await createFileStorage(config.storage),
    keyring: createKeyring(await loadMasterKey(config.masterKey, logger)),
    scanner: createVirusScanner(config.scanner, logger),
    mail: createMailTransport(config.mail, logger),
    jobs: createJobs(database.db, logger),
  };
  const services = createServices(platform);
  const app = await buildApp(platform, services);
  await app.ready();
  return {
    app,
    platform,
    services,
    config,
    clock,
    dataDir,
    dbKind: database.kind,
    client: () => createTestClient(app),
    async close() {
      await app.close();
      await platform.jobs.stop();
      platform.mail.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestResponse = {
  status: number;
  headers: LightMyRequestResponse['headers'];
  body: string;
  rawPayload: Buffer;
  json<T = Record<string, unknown>>(): T;
};

export type RequestOptions = {
  body?: unknown;
  headers?: Record<string, string>;
  /** Send without the Origin header (to test the origin check). */
  noOrigin?: boolean;
  payload?: string | Buffer | NodeJS.ReadableStream;
};

/**
 * A browser-like HTTP client over app.inject: it keeps its own cookies and sends Origin like a
 * page of the app would. Each person in a test gets their own client.
 */
export type TestClient = {
  request(method: string, url: string, options?: RequestOptions): Promise<TestResponse>;
  get(url: string, options?: RequestOptions): Promise<TestResponse>;
  post(url: string, body?: unknown, options?: RequestOptions): Promise<TestResponse>;
  patch(url: string, body?: unknown, options?: RequestOptions): Promise<TestResponse>;
  delete(url: string, options?: RequestOptions): Promise<TestResponse>;
  cookies: Map<string, string>;
};

export function createTestClient(app: FastifyInstance): TestClient {
  const cookies = new Map<string, string>();
  async function request(method: string, url: string, options: RequestOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = {
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36',
    };
    if (!options.noOrigin) {
      headers.origin = publicUrl;
    }
    if (cookies.size > 0) {
      headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    let payload = options.payload;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.body);
    }
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers: { ...headers, ...options.headers },
      ...(payload !== undefined ? { payload } : {}),
    });
    for (const cookie of response.cookies) {
      const expired =
        cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now());
      if (expired || cookie.value === '') {
        cookies.delete(cookie.name);
      } else {
        cookies.set(cookie.name, cookie.value);
      }
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body,
      rawPayload: response.rawPayload,
      json: <T>() => JSON.parse(response.body) as T,
    };
  }
  return {
    cookies,
    request,
    get: (url, options) => request('GET', url, options),
    post: (url, body, options) => request('POST', url, { ...options, body: body ?? {} }),
    patch: (url, body, options) => request('PATCH', url, { ...options, body }),
    delete: (url, options) => request('DELETE', url, options),
  };
}
