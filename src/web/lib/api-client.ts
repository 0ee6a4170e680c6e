import type { z } from 'zod';
import { apiErrorFromResponse, createApiError, isApiError } from './api-error';

type Query = Record<string, string | number | undefined | null>;

type RequestOptions<S extends z.ZodType> = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  schema: S;
  signal?: AbortSignal;
};

export function withQuery(path: string, query: Query | undefined): string {
  if (!query) {
    return path;
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { ...init, credentials: 'same-origin' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw createApiError({ code: 'network_error', status: 0 });
  }
}

function requestInit(method: string, body: unknown, signal: AbortSignal | undefined): RequestInit {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, headers };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (signal) {
    init.signal = signal;
  }
  return init;
}

/**
 * One request to the Sejf API: JSON in, JSON out, parsed (and dates decoded) by the shared schema.
 * Any failure is thrown as an ApiError with the API's stable code.
 */
export async function apiRequest<S extends z.ZodType>(
  path: string,
  options: RequestOptions<S>,
): Promise<z.output<S>> {
  const method = options.method ?? 'GET';
  const response = await send(
    withQuery(path, options.query),
    requestInit(method, options.body, options.signal),
  );
  const text = await response.text();
  if (!response.ok) {
    throw apiErrorFromResponse(response.status, text, response.headers.get('retry-after'));
  }
  return parseBody(options.schema, response.status, text);
}

export function parseBody<S extends z.ZodType>(schema: S, status: number, text: string): z.output<S> {
  try {
    const json: unknown = text === '' ? null : JSON.parse(text);
    return schema.parse(json);
  } catch (error) {
    if (isApiError(error)) {
      throw error;
    }
    throw createApiError({ code: 'invalid_response', status, message: String(error) });
  }
}

/** A request whose success has no body (204). */
export async function apiSend(
  path: string,
  options: { method: 'POST' | 'PUT' | 'DELETE' | 'PATCH'; body?: unknown },
): Promise<void> {
  const response = await send(path, requestInit(options.method, options.body, undefined));
  if (!response.ok) {
    throw apiErrorFromResponse(response.status, await response.text(), response.headers.get('retry-after'));
  }
}
