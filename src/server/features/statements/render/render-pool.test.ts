import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { makeStatement } from '../../../../../test/support/statement-fixtures.js';
import { isRenderError } from './render-error.js';
import { createRenderPool, startRenderWorker, type RenderPool } from './render-pool.js';
import { renderStatementPdf } from './statement-pdf.js';
import { renderStatementXlsx } from './statement-xlsx.js';

describe('createRenderPool', () => {
  let pool: RenderPool | null = null;
  afterEach(async () => {
    await pool?.close();
    pool = null;
  });

  it('renders on worker threads exactly what the main thread renders, for many statements at once', async () => {
    pool = createRenderPool({ threads: 2 });
    const inputs = [3, 40, 120, 7, 1, 60].map((lines) => makeStatement(lines));
    const rendered = await Promise.all(inputs.map((input) => (pool as RenderPool).render(input)));
    for (const [index, input] of inputs.entries()) {
      const here = { pdf: await renderStatementPdf(input), xlsx: await renderStatementXlsx(input) };
      expect(Buffer.isBuffer(rendered[index]?.pdf)).toBe(true);
      expect(rendered[index]?.pdf.equals(here.pdf), `PDF of statement ${String(index)}`).toBe(true);
      expect(rendered[index]?.xlsx.equals(here.xlsx), `XLSX of statement ${String(index)}`).toBe(true);
    }
  });

  it('gives back a render error from a thread as the same error, and goes on rendering', async () => {
    pool = createRenderPool({ threads: 1 });
    const input = makeStatement(5);
    const error: unknown = await pool
      .render({ ...input, closingBalance: input.closingBalance + 1 })
      .catch((caught: unknown) => caught);
    expect(isRenderError(error) && { code: error.code, field: error.field }).toEqual({
      code: 'totals_mismatch',
      field: 'closingBalance',
    });
    const next = await pool.render(input);
    expect(next.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('fails only the statement of a thread that dies, and renders the next on a new thread', async () => {
    let started = 0;
    pool = createRenderPool({
      threads: 1,
      startWorker: () => {
        started += 1;
        return started === 1
          ? new Worker("require('node:worker_threads').parentPort.on('message', () => process.exit(3));", {
              eval: true,
            })
          : startRenderWorker();
      },
    });
    const input = makeStatement(5);
    const [lost, next] = await Promise.allSettled([pool.render(input), pool.render(input)]);
    expect(lost).toMatchObject({
      status: 'rejected',
      reason: { message: 'The render thread stopped (exit code 3)' },
    });
    expect(next.status).toBe('fulfilled');
    expect(started).toBe(2);
  });

  it('refuses what is still waiting once closed, and anything after', async () => {
    pool = createRenderPool({ threads: 1 });
    const inputs = Array.from({ length: 5 }, () => makeStatement(200));
    const results = inputs.map((input) =>
      (pool as RenderPool).render(input).then(
        () => 'rendered',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      ),
    );
    await pool.close();
    const outcomes = await Promise.all(results);
    expect(outcomes.every((outcome) => outcome !== 'rendered')).toBe(true);
    await expect(pool.render(makeStatement(1))).rejects.toThrow('The render pool is closed');
  });

  it('renders on the calling thread with no threads', async () => {
    pool = createRenderPool({ threads: 0 });
    const input = makeStatement(10);
    const rendered = await pool.render(input);
    expect(rendered.pdf.equals(await renderStatementPdf(input))).toBe(true);
  });
});
