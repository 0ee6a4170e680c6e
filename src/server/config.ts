import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration comes only from the environment, is validated once at start and is then passed
 * explicitly. Every variable is documented in the README's configuration table.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const positiveInt = z.coerce.number().int().positive();

/** One less than the cores (the main thread encrypts, stores and talks to the database), at least one, at most four. */
function defaultRenderThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('localhost'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** false, the number of proxies in front of Sejf, or their addresses/CIDRs (comma-separated). */
  TRUST_PROXY: z.string().trim().default('false'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().startsWith('postgres').optional(),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  FILES_DIR: z.string().min(1).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('eu-central-1'),
  S3_BUCKET: z.string().min(3).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: booleanFlag.default(false),
  SEJF_MASTER_KEY: z.string().min(1).optional(),
  SEJF_MASTER_KEY_FILE: z.string().min(1).optional(),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('Sejf <no-reply@localhost>'),
  SMTP_REQUIRE_TLS: booleanFlag.optional(),
  VIRUS_SCAN: z.enum(['clamd', 'off']).optional(),
  CLAMD_SOCKET: z.string().min(1).optional(),
  CLAMD_HOST: z.string().min(1).optional(),
  CLAMD_PORT: z.coerce.number().int().min(1).max(65535).default(3310),
  CLAMD_TIMEOUT_MS: positiveInt.default(60_000),
  UPLOAD_MAX_BYTES: positiveInt.default(50 * 1024 * 1024),
  UPLOAD_MAX_FILES: positiveInt.default(20),
  RENDER_THREADS: z.coerce.number().int().min(0).max(32).optional(),
  SESSION_IDLE_MINUTES: positiveInt.default(30),
  SESSION_MAX_HOURS: positiveInt.default(12),
  LOGIN_MAX_FAILURES: positiveInt.default(5),
  LOGIN_IP_MAX_FAILURES: positiveInt.default(30),
  LOGIN_LOCKOUT_MINUTES: positiveInt.default(15),
  INVITATION_TTL_HOURS: positiveInt.default(72),
  METRICS_TOKEN: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type DatabaseConfig =
  { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolSize: number };

export type StorageConfig =
  | { kind: 'local'; dir: string }
  | {
      kind: 's3';
      endpoint: string | undefined;
      region: string;
      bucket: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
    };

export type MasterKeyConfig =
  { source: 'env'; value: string } | { source: 'file'; path: string } | { source: 'generate'; path: string };

export type ScannerConfig =
  | { kind: 'clamd'; socket: string | undefined; host: string; port: number; timeoutMs: number }
  | { kind: 'none' };

export type MailConfig =
  { kind: 'smtp'; url: string; from: string; requireTls: boolean } | { kind: 'outbox'; from: string };

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: URL;
  /** For Fastify: which X-Forwarded-For hops to believe (never all of them). */
  trustProxy: false | number | string[];
  dataDir: string;
  database: DatabaseConfig;
  storage: StorageConfig;
  masterKey: MasterKeyConfig;
  tls: { certFile: string; keyFile: string } | undefined;
  mail: MailConfig;
  scanner: ScannerConfig;
  uploads: { maxBytes: number; maxFiles: number };
  /** Worker threads rendering statements (PDF and XLSX); 0 renders on the main thread. */
  renderThreads: number;
  sessions: { idleMinutes: number; maxHours: number };
  login: { maxFailures: number; ipMaxFailures: number; lockoutMinutes: number };
  invitationTtlHours: number;
  cookie: { name: string; secure: boolean };
  metricsToken: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/**
 * Trusting every X-Forwarded-For hop would let any client choose its own IP (and slip past every
 * per-address limit, and write any address into the audit trail), so `true` is refused: name the
 * number of proxies in front of Sejf, or their addresses.
 */
function parseTrustProxy(value: string, problems: string[]): false | number | string[] {
  if (value === '' || value === 'false' || value === '0' || value === 'no') {
    return false;
  }
  if (/^[1-9]\d?$/.test(value)) {
    return Number(value);
  }
  const addresses = value.split(',').map((part) => part.trim());
  const isAddress = (part: string) => /^[0-9a-f.:]+(\/\d{1,3})?$/i.test(part) && part.length > 1;
  if (addresses.every(isAddress)) {
    return addresses;
  }
  problems.push(
    'TRUST_PROXY must be false, the number of proxies in front of Sejf (e.g. 1), or their addresses (e.g. 10.0.0.2,10.1.0.0/16); "true" would let any client choose its own IP',
  );
  return false;
}

/** Parses and cross-checks the environment. Throws ConfigError with every problem listed. */
export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  const trustProxy = parseTrustProxy(e.TRUST_PROXY, problems);
  const isProduction = e.NODE_ENV === 'production';
  const dataDir = path.resolve(cwd, e.DATA_DIR);

  const tls =
    e.TLS_CERT_FILE && e.TLS_KEY_FILE
      ? { certFile: path.resolve(cwd, e.TLS_CERT_FILE), keyFile: path.resolve(cwd, e.TLS_KEY_FILE) }
      : undefined;
  if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE)) {
    problems.push('TLS_CERT_FILE and TLS_KEY_FILE must be set together');
  }

  const defaultUrl = `${tls ? 'https' : 'http'}://localhost:${e.PORT}`;
  const publicUrl = new URL(e.PUBLIC_URL ?? defaultUrl);
  const isHttps = publicUrl.protocol === 'https:';
  if (!isHttps && !isLoopbackHost(publicUrl.hostname) && isProduction) {
    problems.push('PUBLIC_URL must use https:// in production (plain http is allowed only for localhost)');
  }
  if (isProduction && !e.SEJF_MASTER_KEY && !e.SEJF_MASTER_KEY_FILE) {
    problems.push('SEJF_MASTER_KEY_FILE (or SEJF_MASTER_KEY) is required in production');
  }
  if (e.SEJF_MASTER_KEY && e.SEJF_MASTER_KEY_FILE) {
    problems.push('Set only one of SEJF_MASTER_KEY and SEJF_MASTER_KEY_FILE');
  }

  const database: DatabaseConfig = e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
    : { kind: 'pglite', dataDir: path.join(dataDir, 'db') };

  let storage: StorageConfig;
  if (e.STORAGE_DRIVER === 's3') {
    if (!e.S3_BUCKET || !e.S3_ACCESS_KEY_ID || !e.S3_SECRET_ACCESS_KEY) {
      problems.push('STORAGE_DRIVER=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
    }
    storage = {
      kind: 's3',
      endpoint: e.S3_ENDPOINT,
      region: e.S3_REGION,
      bucket: e.S3_BUCKET ?? '',
      accessKeyId: e.S3_ACCESS_KEY_ID ?? '',
      secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? '',
      forcePathStyle: e.S3_FORCE_PATH_STYLE,
    };
  } else {
    storage = { kind: 'local', dir: path.resolve(cwd, e.FILES_DIR ?? path.join(dataDir, 'files')) };
  }

  const masterKey: MasterKeyConfig = e.SEJF_MASTER_KEY
    ? { source: 'env', value: e.SEJF_MASTER_KEY }
    : e.SEJF_MASTER_KEY_FILE
      ? { source: 'file', path: path.resolve(cwd, e.SEJF_MASTER_KEY_FILE) }
      : { source: 'generate', path: path.join(dataDir, 'master.key') };

  const hasClamd = Boolean(e.CLAMD_SOCKET ?? e.CLAMD_HOST);
  const scanMode = e.VIRUS_SCAN ?? (hasClamd ? 'clamd' : isProduction ? undefined : 'off');
  if (scanMode === undefined) {
    problems.push(
      'Virus scanning is required in production: set CLAMD_SOCKET or CLAMD_HOST (or VIRUS_SCAN=off)',
    );
  }
  const scanner: ScannerConfig =
    scanMode === 'clamd'
      ? {
          kind: 'clamd',
          socket: e.CLAMD_SOCKET,
          host: e.CLAMD_HOST ?? '127.0.0.1',
          port: e.CLAMD_PORT,
          timeoutMs: e.CLAMD_TIMEOUT_MS,
        }
      : { kind: 'none' };

  // Mail carries invitation codes: in production an smtp:// server must upgrade to TLS (STARTTLS).
  const mail: MailConfig = e.SMTP_URL
    ? { kind: 'smtp', url: e.SMTP_URL, from: e.MAIL_FROM, requireTls: e.SMTP_REQUIRE_TLS ?? isProduction }
    : { kind: 'outbox', from: e.MAIL_FROM };
  if (isProduction && mail.kind === 'outbox') {
    problems.push('SMTP_URL is required in production');
  }

  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }

  // Browsers accept Secure cookies from http://localhost, so the __Host- prefix works there too;
  // only a plain-http non-loopback development address has to drop both.
  const secureCookie = isHttps || isLoopbackHost(publicUrl.hostname);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    trustProxy,
    dataDir,
    database,
    storage,
    masterKey,
    tls,
    mail,
    scanner,
    uploads: { maxBytes: e.UPLOAD_MAX_BYTES, maxFiles: e.UPLOAD_MAX_FILES },
    renderThreads: e.RENDER_THREADS ?? defaultRenderThreads(),
    sessions: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      ipMaxFailures: e.LOGIN_IP_MAX_FAILURES,
      lockoutMinutes: e.LOGIN_LOCKOUT_MINUTES,
    },
    invitationTtlHours: e.INVITATION_TTL_HOURS,
    cookie: { name: secureCookie ? '__Host-sejf_session' : 'sejf_session', secure: secureCookie },
    metricsToken: e.METRICS_TOKEN,
    logLevel: e.LOG_LEVEL,
  };
}
