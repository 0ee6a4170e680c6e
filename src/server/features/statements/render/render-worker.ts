import { parentPort } from 'node:worker_threads';
import { isRenderError } from './render-error.js';
import type { StatementRenderInput } from './render.types.js';
import { renderStatementPdf } from './statement-pdf.js';
import { renderStatementXlsx } from './statement-xlsx.js';

/** A render thread: statement inputs in, PDF and XLSX bytes out (see render-pool.ts). */
export type RenderRequest = { id: number; input: StatementRenderInput };
export type RenderReply =
  | { id: number; pdf: Uint8Array; xlsx: Uint8Array }
  | { id: number; error: { message: string; renderError: { code: string; field: string } | null } };

const port = parentPort;
if (port) {
  port.on('message', (request: RenderRequest) => {
    void (async () => {
      try {
        const [pdf, xlsx] = await Promise.all([
          renderStatementPdf(request.input),
          renderStatementXlsx(request.input),
        ]);
        const reply: RenderReply = { id: request.id, pdf, xlsx };
        port.postMessage(reply);
      } catch (error) {
        const reply: RenderReply = {
          id: request.id,
          error: {
            message: error instanceof Error ? error.message : String(error),
            renderError: isRenderError(error) ? { code: error.code, field: error.field } : null,
          },
        };
        port.postMessage(reply);
      }
    })();
  });
}
