/** Peak resident memory while `work` runs, sampled every 5 ms, and the wall time it took. */
export async function measure<T>(
  work: () => Promise<T>,
): Promise<{ result: T; ms: number; rssBeforeMb: number; rssPeakMb: number }> {
  global.gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return {
      result,
      ms: performance.now() - started,
      rssBeforeMb: before / 2 ** 20,
      rssPeakMb: peak / 2 ** 20,
    };
  } finally {
    clearInterval(timer);
  }
}

export function mbPerSecond(bytes: number, ms: number): string {
  return (bytes / 2 ** 20 / (ms / 1000)).toFixed(1);
}

export type BenchRow = { name: string; value: string; unit: string; note?: string };

export function printRows(title: string, rows: BenchRow[]): void {
  console.log(`\n## ${title}\n`);
  console.log('| Measure | Value | Unit | Note |');
  console.log('| --- | ---: | --- | --- |');
  for (const row of rows) {
    console.log(`| ${row.name} | ${row.value} | ${row.unit} | ${row.note ?? ''} |`);
  }
}
