import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { ensurePgliteTemplate } from './pglite-template.js';

/**
 * Starts the real services the integration and browser tests use (clamd, an S3-compatible server)
 * with the scripts in test/services, once per test run. When a service cannot be started the
 * dependent tests are skipped and say so; with CI=true or SEJF_REQUIRE_ALL_SUITES=1 the run fails
 * instead, so CI never passes with a suite silently missing.
 */
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const stateRoot = process.env.SEJF_SERVICES_DIR ?? path.join(root, '.tmp/services');

export type TestServices = {
  clamd: { host: string; port: number; socket: string } | null;
  s3: { endpoint: string; accessKeyId: string; secretAccessKey: string; region: string } | null;
  postgresUrl: string | null;
  /** A PostgreSQL server to create scratch databases on (the pool test), in every stage, PGlite's included. */
  postgresServerUrl: string | null;
  missing: string[];
};

declare module 'vitest' {
  export interface ProvidedContext {
    services: TestServices;
  }
}

function requireAll(): boolean {
  return process.env.CI === 'true' || process.env.SEJF_REQUIRE_ALL_SUITES === '1';
}

function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

function hasCommand(command: string): boolean {
  return (process.env.PATH ?? '')
    .split(':')
    .some((dir) => fs.existsSync(path.join(dir, command)) || fs.existsSync(path.join('/usr/sbin', command)));
}

async function startClamd(): Promise<TestServices['clamd']> {
  const state = path.join(stateRoot, 'clamd');
  const socket = path.join(state, 'clamd.sock');
  if ((await canConnect(3310)) && fs.existsSync(socket)) {
    return { host: '127.0.0.1', port: 3310, socket };
  }
  if (!hasCommand('clamd')) {
    return null;
  }
  fs.mkdirSync(state, { recursive: true });
  await run(path.join(root, 'test/services/start-clamd.sh'), [state], { timeout: 120_000 });
  return { host: '127.0.0.1', port: 3310, socket };
}

async function startS3(): Promise<TestServices['s3']> {
  if (!hasCommand('swift-proxy-server') && !(await canConnect(8090))) {
    return null;
  }
  const state = path.join(stateRoot, 's3');
  fs.mkdirSync(state, { recursive: true });
  const { stdout } = await run(path.join(root, 'test/services/start-s3.sh'), [state], { timeout: 180_000 });
  const env = Object.fromEntries(
    stdout
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return {
    endpoint: env.S3_ENDPOINT ?? 'http://127.0.0.1:8090',
    accessKeyId: env.S3_ACCESS_KEY_ID ?? 'test:tester',
    secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? 'testing',
    region: env.S3_REGION ?? 'us-east-1',
  };
}

async function findPostgresServer(): Promise<string | null> {
  const configured = process.env.TEST_POSTGRES_SERVER_URL ?? process.env.TEST_DATABASE_URL;
  if (configured !== undefined && configured !== '') {
    return configured;
  }
  return (await canConnect(5432)) ? 'postgres://root@127.0.0.1:5432/postgres' : null;
}

async function attempt<T>(
  name: string,
  start: () => Promise<T | null>,
  missing: string[],
): Promise<T | null> {
  try {
    const service = await start();
    if (service === null) {
      missing.push(name);
    }
    return service;
  } catch (error) {
    missing.push(`${name} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    return null;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const missing: string[] = [];
  await ensurePgliteTemplate();
  const [clamd, s3, postgresServerUrl] = await Promise.all([
    attempt('clamd', startClamd, missing),
    attempt('S3 (OpenStack Swift)', startS3, missing),
    attempt('PostgreSQL server', findPostgresServer, missing),
  ]);
  const postgresUrl = process.env.TEST_DATABASE_URL ?? null;
  if (missing.length > 0) {
    const message = `Test services unavailable: ${missing.join(', ')}. Run .ci/run, or install them (see README, "Tests").`;
    if (requireAll()) {
      throw new Error(message);
    }
    process.stderr.write(`\n⚠ ${message} Suites that need them are SKIPPED.\n\n`);
  }
  project.provide('services', { clamd, s3, postgresUrl, postgresServerUrl, missing });
}
