import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { createServices } from '../src/server/app.js';
import { parseConfig } from '../src/server/config.js';
import { splitRules } from '../src/server/db/schema/settlements.js';
import { checkAgencyInput, insertAgencyWithOwner } from '../src/server/features/agencies/provisioning.js';
import { normalizeRate } from '../src/server/features/settlements/rules.service.js';
import type { Actor } from '../src/server/http/access.js';
import { closePlatform, createPlatform } from '../src/server/platform.js';
import type { BenchRow } from './measure.js';
import { readManifest, type MonthEndManifest, type RuleSeed } from './month-end-data.js';

/**
 * Month-end at full size: 1,000,000 insurer lines in 12 files, 2,000 collaborators, 20,000 rules. Import, compute,
 * lock, generate (render, encrypt, store) 2,000 statements and publish them, through the services the HTTP routes
 * call, on PGlite or PostgreSQL. BENCH_MONTH_END_SCALE (default 1) scales lines, people and rules.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const execFileAsync = promisify(execFile);

const targets = {
  runSeconds: { postgres: 30, pglite: 60 },
  rssMb: 1024,
  importLinesPerSecond: 100_000,
  statementsPerSecond: 150,
};

function scaleOf(): number {
  const scale = Number(process.env.BENCH_MONTH_END_SCALE ?? '1');
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1) {
    throw new RangeError('BENCH_MONTH_END_SCALE is a number above 0 and at most 1');
  }
  return scale;
}

let generated: Promise<{ dir: string; manifest: MonthEndManifest; ms: number }> | null = null;

/**
 * The data, generated once per process in a child process (its memory never counts here) and removed on exit.
 * BENCH_MONTH_END_DATA names a directory to keep it in (and reuse it from) instead.
 */
function monthEndData(scale: number) {
  generated ??= (async () => {
    const kept = process.env.BENCH_MONTH_END_DATA;
    const dir = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sejf-month-end-data-'));
    if (!kept) {
      process.once('exit', () => {
        fs.rmSync(dir, { recursive: true, force: true });
      });
    }
    const started = performance.now();
    if (kept && fs.existsSync(path.join(dir, 'manifest.json')) && readManifest(dir).scale === scale) {
      return { dir, manifest: readManifest(dir), ms: 0 };
    }
    await execFileAsync(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'month-end-data.ts'), dir, String(scale)],
      { maxBuffer: 1 << 20 },
    );
    return { dir, manifest: readManifest(dir), ms: performance.now() - started };
  })();
  return generated;
}

/**
 * A fresh database on the PostgreSQL server (BENCH_DATABASE_SERVER, by default the local one; dropped afterwards), or
 * BENCH_DATABASE_URL as it is.
 */
async function postgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) {
    return { url: given, drop: async () => {} };
  }
  const server = process.env.BENCH_DATABASE_SERVER ?? 'postgres://root@127.0.0.1:5432/postgres';
  const name = `sejf_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** The server's version and the settings that matter most here. */
async function describeServer(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const setting = async (name: string) =>
      (await client.query<{ setting: string }>(`select current_setting('${name}') as setting`)).rows[0]
        ?.setting;
    return `PostgreSQL ${String(await setting('server_version'))}, shared_buffers ${String(await setting('shared_buffers'))}, max_wal_size ${String(await setting('max_wal_size'))}, jit ${String(await setting('jit'))}`;
  } finally {
    await client.end();
  }
}

/** Peak resident memory, sampled every 50 ms while started. */
function rssSampler() {
  let peak = 0;
  let timer: NodeJS.Timeout | null = null;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  return {
    start() {
      sample();
      timer = setInterval(sample, 50);
    },
    stop() {
      sample();
      if (timer) {
        clearInterval(timer);
      }
      return peak / 2 ** 20;
    },
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

function check(condition: boolean, message: string): void {
  if (!condition) {
    throw new Error(`month-end benchmark: ${message}`);
  }
}

function directoryBytes(dir: string): number {
  if (!fs.existsSync(dir)) {
    return 0;
  }
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
    }
  }
  return bytes;
}

/** Runs `work` on every item with at most `limit` at once. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000)).toLocaleString('en-US');
const verdict = (isMet: boolean) => (isMet ? 'target met' : 'target missed');

export async function runMonthEndBench(database: 'pglite' | 'postgres'): Promise<BenchRow[]> {
  const scale = scaleOf();
  const data = await monthEndData(scale);
  const { manifest } = data;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sejf-month-end-'));
  const server = database === 'postgres' ? await postgresDatabase() : null;
  const config = parseConfig({
    NODE_ENV: 'test',
    DATA_DIR: workDir,
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_URL: 'http://127.0.0.1:3000',
    SEJF_MASTER_KEY: randomBytes(32).toString('base64'),
    VIRUS_SCAN: 'off',
    UPLOAD_MAX_BYTES: String(200 * 2 ** 20),
    LOG_LEVEL: 'silent',
    ...(process.env.RENDER_THREADS ? { RENDER_THREADS: process.env.RENDER_THREADS } : {}),
    ...(server ? { DATABASE_URL: server.url } : {}),
  });
  const databaseNote = server
    ? await describeServer(server.url)
    : 'embedded PGlite (WebAssembly), in process';
  const platform = await createPlatform(config, { logger: pino({ level: 'silent' }) });
  const services = createServices(platform);
  try {
    // Setup: the agency, its people, their agent codes and rules, the period. Reported, not part of the run.
    const setup = await timed(async () => {
      const owner = { fullName: 'Anna Pomiar', email: `pomiar-${randomUUID().slice(0, 8)}@example.com` };
      const checked = await checkAgencyInput({
        agency: { name: 'Agencja Benchmark sp. z o.o.', nip: '5242953841' },
        owner: { ...owner, password: 'Zielona-Herbata-Pod-Lipa-2026' },
        locale: 'pl',
      });
      const { agencyId, userId } = await platform.db.system((tx) =>
        insertAgencyWithOwner(
          tx,
          { keyring: platform.keyring, clock: platform.clock, audit: services.audit },
          checked,
          null,
        ),
      );
      const actor: Actor = {
        agencyId,
        userId,
        role: 'owner',
        collaboratorId: null,
        sessionId: randomUUID(),
        name: owner.fullName,
        client: { ip: '127.0.0.1', userAgent: 'sejf-month-end-bench' },
      };
      const collaboratorIds: string[] = [];
      for (const seed of manifest.collaborators) {
        const input = { ...seed, nip: seed.nip ?? undefined, pesel: seed.pesel ?? undefined };
        collaboratorIds.push((await services.collaborators.create(actor, input)).id);
      }
      const insurerIds = new Map((await services.insurers.list(actor)).map((i) => [i.name, i.id]));
      const insurerId = (name: string) => {
        const id = insurerIds.get(name);
        check(id !== undefined, `no insurer ${name}`);
        return id as string;
      };
      for (const code of manifest.agentCodes) {
        await services.insurers.assignAgentCode(actor, {
          insurerId: insurerId(code.insurer),
          collaboratorId: collaboratorIds[code.collaborator] as string,
          code: code.code,
        });
      }
      const fields = (rule: RuleSeed) => ({
        collaboratorId: rule.collaborator === null ? null : (collaboratorIds[rule.collaborator] as string),
        insurerId: rule.insurer === null ? null : insurerId(rule.insurer),
        product: rule.product,
        risk: rule.risk,
        policyNumber: rule.policyNumber,
        validFrom: rule.validFrom,
        validTo: rule.validTo,
        renewalsOnly: rule.renewalsOnly,
        basis: rule.basis,
        rate: rule.rate,
        fixedAmount: rule.fixedAmount,
        clawback: rule.clawback,
        note: null,
      });
      // The agency defaults and the first collaborators' rules go through the rules service (its checks); the
      // rest are written in batches exactly as it writes them: it refuses a duplicate by loading every current
      // rule, so 20,000 single creates would take minutes.
      const throughService = manifest.rules.filter(
        (rule) => rule.collaborator === null || rule.collaborator < 5,
      );
      const inBatches = manifest.rules.filter((rule) => rule.collaborator !== null && rule.collaborator >= 5);
      for (const rule of throughService) {
        await services.rules.create(actor, fields(rule));
      }
      const now = platform.clock.now();
      for (let start = 0; start < inBatches.length; start += 1000) {
        const rows = inBatches.slice(start, start + 1000).map((rule) => {
          const values = fields(rule);
          const rate = values.rate === null ? null : normalizeRate(values.rate);
          check(values.basis === 'fixed_per_policy' || rate !== null, 'a rule seed has no valid rate');
          return {
            ...values,
            id: randomUUID(),
            version: 1,
            agencyId,
            rate,
            createdBy: userId,
            createdAt: now,
          };
        });
        await platform.db.tenant(actor, (tx) => tx.insert(splitRules).values(rows));
      }
      const period = await services.periods.create(actor, { month: manifest.month });
      return { actor, insurerId, periodId: period.id };
    });
    const { actor, insurerId, periodId } = setup.result;
    const storageDir = config.storage.kind === 'local' ? config.storage.dir : workDir;

    global.gc?.();
    const rss = rssSampler();
    rss.start();
    const rssBefore = process.memoryUsage.rss() / 2 ** 20;

    // Import: upload (hash, inspect, encrypt, store) and parse every file, parses running in the background as
    // the next files upload; then check and commit each.
    const importStage = await timed(async () => {
      const ids: string[] = [];
      await eachLimited(manifest.files, Number(process.env.BENCH_IMPORT_CONCURRENCY ?? '3'), async (file) => {
        const uploaded = await services.imports.upload(
          actor,
          { insurerId: insurerId(file.insurer), statementDate: manifest.statementDate },
          file.fileName,
          fs.createReadStream(path.join(data.dir, file.fileName)),
        );
        ids.push(uploaded.id);
        await services.imports.parse(actor, uploaded.id);
        await services.imports.settled(uploaded.id);
      });
      for (const id of ids) {
        const detail = await services.imports.get(actor, id);
        const seed = manifest.files.find((file) => file.fileName === detail.fileName);
        check(detail.status === 'parsed', `${detail.fileName} is ${detail.status}`);
        check(detail.errorCount === 0, `${detail.fileName} has ${String(detail.errorCount)} row errors`);
        check(detail.lineCount === seed?.lines, `${detail.fileName}: ${String(detail.lineCount)} lines`);
        check(
          detail.commissionTotal === seed?.commissionTotal,
          `${detail.fileName}: commission total differs`,
        );
        check(detail.unmatchedCount === 0, `${detail.fileName}: ${String(detail.unmatchedCount)} unmatched`);
        await services.imports.commit(actor, id);
      }
    });

    // Compute: the open period's settlement as the preview shows it.
    const compute = await timed(() => services.periods.settlement(actor, periodId));
    const preview = compute.result;
    check(preview.problems.length === 0, `problems: ${JSON.stringify(preview.problems)}`);
    check(preview.totals.lineCount === manifest.totals.lines, 'the period does not settle every line');
    check(preview.totals.commission === manifest.totals.commission, 'the commission total differs');
    check(preview.collaborators.length === manifest.collaborators.length, 'not every collaborator is due');

    // Lock: computed once more and written, one statement per collaborator with every line.
    const lock = await timed(async () =>
      services.periods.lock(actor, periodId, (await services.periods.get(actor, periodId)).revision),
    );
    check(lock.result.statementCount === manifest.collaborators.length, 'statements missing after lock');

    // Generate: a PDF and an XLSX per statement, rendered, encrypted and stored.
    const bytesBefore = directoryBytes(storageDir);
    const generate = await timed(async () => {
      services.statements.generateInBackground(actor, periodId);
      await services.statements.settled(periodId);
    });
    const generatedBytes = directoryBytes(storageDir) - bytesBefore;

    // Publish: every statement visible at once, in one transaction.
    const publish = await timed(async () =>
      services.statements.publish(actor, periodId, (await services.periods.get(actor, periodId)).revision),
    );
    const published = await services.statements.listForPeriod(actor, periodId);
    check(
      published.length === manifest.collaborators.length &&
        published.every((statement) => statement.status === 'published'),
      'not every statement is published',
    );
    const rssPeak = rss.stop();

    const statementCount = manifest.collaborators.length;
    const lines = manifest.totals.lines;
    const runMs = importStage.ms + compute.ms + lock.ms + generate.ms + publish.ms;
    const runTarget = targets.runSeconds[database];
    const csvFiles = manifest.files.filter((file) => file.layout !== 'xlsx').length;
    return [
      {
        name: 'database',
        value: database === 'postgres' ? 'PostgreSQL' : 'PGlite',
        unit: '',
        note: databaseNote,
      },
      {
        name: 'data (generated once, not timed)',
        value: lines.toLocaleString('en-US'),
        unit: 'lines',
        note: `${String(csvFiles)} CSV + ${String(manifest.files.length - csvFiles)} XLSX files, ${(manifest.totals.bytes / 2 ** 20).toFixed(0)} MiB; ${manifest.totals.stornos.toLocaleString('en-US')} stornos, ${manifest.totals.renewals.toLocaleString('en-US')} renewals${data.ms > 0 ? `; generated in ${seconds(data.ms)} s` : ''}`,
      },
      {
        name: 'setup: collaborators, agent codes, rules, period (not in the run)',
        value: seconds(setup.ms),
        unit: 's',
        note: `${statementCount.toLocaleString('en-US')} collaborators, ${manifest.agentCodes.length.toLocaleString('en-US')} agent codes, ${manifest.rules.length.toLocaleString('en-US')} rules`,
      },
      {
        name: 'import: upload + parse + commit',
        value: seconds(importStage.ms),
        unit: 's',
        note: `${perSecond(lines, importStage.ms)} lines/s (target ≥ ${targets.importLinesPerSecond.toLocaleString('en-US')}: ${verdict(lines / (importStage.ms / 1000) >= targets.importLinesPerSecond)})`,
      },
      {
        name: 'compute: settlement preview of the period',
        value: seconds(compute.ms),
        unit: 's',
        note: `${perSecond(lines, compute.ms)} lines/s`,
      },
      {
        name: 'lock: statements and statement lines written',
        value: seconds(lock.ms),
        unit: 's',
        note: `${statementCount.toLocaleString('en-US')} statements, ${lines.toLocaleString('en-US')} lines settled`,
      },
      {
        name: 'generate: PDF + XLSX rendered, encrypted, stored',
        value: seconds(generate.ms),
        unit: 's',
        note: `${perSecond(statementCount, generate.ms)} statements/s (target ≥ ${String(targets.statementsPerSecond)}: ${verdict(statementCount / (generate.ms / 1000) >= targets.statementsPerSecond)}); ${(generatedBytes / 2 ** 20).toFixed(0)} MiB stored`,
      },
      {
        name: 'publish: one transaction',
        value: seconds(publish.ms),
        unit: 's',
        note: `${statementCount.toLocaleString('en-US')} statements`,
      },
      {
        name: 'whole run (import + compute + lock + generate + publish)',
        value: seconds(runMs),
        unit: 's',
        note: `target ≤ ${String(runTarget)} s: ${verdict(runMs / 1000 <= runTarget)}`,
      },
      {
        name: 'peak RSS during the run (sampled every 50 ms)',
        value: rssPeak.toFixed(0),
        unit: 'MiB',
        note: `${rssBefore.toFixed(0)} MiB at the start; target ≤ ${String(targets.rssMb)} MiB: ${verdict(rssPeak <= targets.rssMb)}`,
      },
    ];
  } finally {
    await services.statements.shutdown();
    await closePlatform(platform);
    await server?.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * The benchmark in a child process of its own, so that its peak memory is its own: an earlier PGlite (the other
 * benchmarks, or the other database's run) never gives its memory back. The data is generated once, here.
 */
export async function runMonthEndBenchIsolated(database: 'pglite' | 'postgres'): Promise<BenchRow[]> {
  const data = await monthEndData(scaleOf());
  const { stdout } = await execFileAsync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), database, '--json'],
    { env: { ...process.env, BENCH_MONTH_END_DATA: data.dir }, maxBuffer: 16 << 20 },
  );
  const rows = JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as BenchRow[];
  if (data.ms > 0 && rows[0]) {
    rows[0].note = `${rows[0].note ?? ''}; generated in ${seconds(data.ms)} s`;
  }
  return rows;
}

// Run directly for one database: `node --import tsx bench/month-end.bench.ts [pglite|postgres] [--json]`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const database = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
  const rows = await runMonthEndBench(database);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows));
  } else {
    const { printRows } = await import('./measure.js');
    printRows(`Month-end (${database})`, rows);
  }
}
