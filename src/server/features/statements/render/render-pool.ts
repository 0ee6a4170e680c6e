import { Worker } from 'node:worker_threads';
import { RenderError, type RenderErrorCode } from './render-error.js';
import type { RenderReply, RenderRequest } from './render-worker.js';
import type { StatementRenderInput } from './render.types.js';
import { renderStatementPdf } from './statement-pdf.js';
import { renderStatementXlsx } from './statement-xlsx.js';

export type RenderedStatement = { pdf: Buffer; xlsx: Buffer };

export type RenderPool = {
  /** The statement's PDF and XLSX, rendered on a render thread (or here, with no threads). */
  render(input: StatementRenderInput): Promise<RenderedStatement>;
  /** Stops the threads: what is being rendered or still waiting is refused. */
  close(): Promise<void>;
};

async function renderHere(input: StatementRenderInput): Promise<RenderedStatement> {
  const [pdf, xlsx] = await Promise.all([renderStatementPdf(input), renderStatementXlsx(input)]);
  return { pdf, xlsx };
}

/**
 * The compiled worker next to this file, or, running from TypeScript sources (development, tests), the source
 * loaded through tsx: a worker thread does not inherit the loader that runs this module.
 */
export function startRenderWorker(): Worker {
  const isSource = import.meta.url.endsWith('.ts');
  if (!isSource) {
    return new Worker(new URL('./render-worker.js', import.meta.url));
  }
  const source = new URL('./render-worker.ts', import.meta.url).href;
  return new Worker(
    `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(import.meta.url)}))`,
    { eval: true },
  );
}

type Task = {
  id: number;
  input: StatementRenderInput;
  resolve: (rendered: RenderedStatement) => void;
  reject: (error: Error) => void;
};

type Thread = { worker: Worker; task: Task | null };

function errorOf(reply: Extract<RenderReply, { error: unknown }>): Error {
  const { renderError, message } = reply.error;
  return renderError
    ? new RenderError(renderError.code as RenderErrorCode, renderError.field)
    : new Error(`Rendering a statement failed: ${message}`);
}

/**
 * Renders statements on up to `threads` worker threads, started when first needed, one statement per thread at a
 * time; with 0 threads, on the calling thread. Rendering is pure CPU (about 10 ms for a 500-line statement): on
 * threads of their own, a month-end's 2,000 statements leave the main thread free to serve requests, and use
 * every core. A thread that dies fails its statement only; the next one starts a new thread.
 */
export function createRenderPool({
  threads,
  startWorker = startRenderWorker,
}: {
  threads: number;
  /** How a thread starts (tests start one that fails). */
  startWorker?: () => Worker;
}): RenderPool {
  if (threads <= 0) {
    return { render: renderHere, close: async () => {} };
  }
  const pool: Thread[] = [];
  const queue: Task[] = [];
  let nextId = 1;
  let isClosed = false;

  function finish(thread: Thread) {
    thread.task = null;
    thread.worker.unref();
    dispatch();
  }

  function spawn(): Thread {
    const thread: Thread = { worker: startWorker(), task: null };
    thread.worker.on('message', (reply: RenderReply) => {
      const task = thread.task;
      if (!task || task.id !== reply.id) {
        return;
      }
      if ('error' in reply) {
        task.reject(errorOf(reply));
      } else {
        task.resolve({
          pdf: Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength),
          xlsx: Buffer.from(reply.xlsx.buffer, reply.xlsx.byteOffset, reply.xlsx.byteLength),
        });
      }
      finish(thread);
    });
    const lost = (error: Error) => {
      const index = pool.indexOf(thread);
      if (index >= 0) {
        pool.splice(index, 1);
      }
      thread.task?.reject(error);
      thread.task = null;
      dispatch();
    };
    thread.worker.on('error', lost);
    // A reply that cannot be read: the thread is not trusted again.
    thread.worker.on('messageerror', (error) => {
      lost(error);
      void thread.worker.terminate();
    });
    thread.worker.on('exit', (code) => {
      lost(new Error(`The render thread stopped (exit code ${String(code)})`));
    });
    pool.push(thread);
    return thread;
  }

  function dispatch() {
    while (!isClosed && queue.length > 0) {
      const thread =
        pool.find((candidate) => candidate.task === null) ?? (pool.length < threads ? spawn() : null);
      if (!thread) {
        return;
      }
      const task = queue.shift() as Task;
      const request: RenderRequest = { id: task.id, input: task.input };
      try {
        thread.worker.postMessage(request);
      } catch (error) {
        // An input that cannot be sent (never a plain statement): that statement fails, the thread stays free.
        task.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      thread.task = task;
      thread.worker.ref();
    }
  }

  return {
    render(input) {
      if (isClosed) {
        return Promise.reject(new Error('The render pool is closed'));
      }
      return new Promise<RenderedStatement>((resolve, reject) => {
        queue.push({ id: nextId, input, resolve, reject });
        nextId += 1;
        dispatch();
      });
    },

    async close() {
      isClosed = true;
      for (const task of queue.splice(0)) {
        task.reject(new Error('The render pool is closed'));
      }
      await Promise.all(pool.splice(0).map((thread) => thread.worker.terminate()));
    },
  };
}
