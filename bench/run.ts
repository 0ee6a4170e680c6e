import os from 'node:os';
import { runCryptoStreamBench } from './crypto-stream.bench.js';
import { printRows } from './measure.js';
import { runMonthEndBenchIsolated } from './month-end.bench.js';
import { runUploadDownloadBench } from './upload-download.bench.js';

/** `npm run bench`: prints each benchmark's figures as Markdown tables (copied into docs/benchmarks.md). */
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `# Sejf benchmarks\n\nNode ${process.version}, ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${new Date().toISOString()}`,
);
printRows('Chunked AES-256-GCM stream (src/server/crypto/chunked-aead.ts)', await runCryptoStreamBench());
printRows('Documents through HTTP (PGlite, local storage, no virus scanner)', await runUploadDownloadBench());

const scale = Number(process.env.BENCH_MONTH_END_SCALE ?? '1');
const size = scale === 1 ? '1,000,000 lines, 2,000 statements' : `scale ${String(scale)}`;
printRows(
  `Month-end, ${size} (PGlite, local storage, no virus scanner)`,
  await runMonthEndBenchIsolated('pglite'),
);
printRows(
  `Month-end, ${size} (PostgreSQL 15 on the same machine, local storage, no virus scanner)`,
  await runMonthEndBenchIsolated('postgres'),
);
