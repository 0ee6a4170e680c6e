import type { z } from 'zod';
import { parseBody } from './api-client';
import { apiErrorFromResponse, createApiError } from './api-error';

export type UploadProgress = { loaded: number; total: number };

type UploadOptions<S extends z.ZodType> = {
  url: string;
  /** Sent first, in this order: the server needs them before the first file. */
  fields: Record<string, string>;
  files: readonly File[];
  fileField?: string;
  schema: S;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
};

/**
 * A multipart upload with progress, which `fetch` cannot report. The session cookie goes along
 * (same origin) and the browser adds the Origin header the server checks.
 */
export function uploadMultipart<S extends z.ZodType>(options: UploadOptions<S>): Promise<z.output<S>> {
  const form = new FormData();
  for (const [name, value] of Object.entries(options.fields)) {
    form.append(name, value);
  }
  for (const file of options.files) {
    form.append(options.fileField ?? 'files', file, file.name);
  }
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', options.url);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) {
        options.onProgress?.({ loaded: event.loaded, total: event.total });
      }
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(parseBody(options.schema, xhr.status, xhr.responseText));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
        return;
      }
      reject(apiErrorFromResponse(xhr.status, xhr.responseText, xhr.getResponseHeader('retry-after')));
    });
    // The server may refuse a file from its first bytes and close the connection while the
    // browser is still sending: the browser then reports a bare network error.
    xhr.addEventListener('error', () => {
      reject(createApiError({ code: navigator.onLine ? 'multipart_invalid' : 'network_error', status: 0 }));
    });
    xhr.addEventListener('abort', () => {
      reject(new DOMException('The upload was cancelled', 'AbortError'));
    });
    options.signal?.addEventListener('abort', () => {
      xhr.abort();
    });
    xhr.send(form);
  });
}
