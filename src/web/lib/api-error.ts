import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common';
import { errorCodes, type ErrorCode } from '../../shared/error-codes';

const detailsSchema = z.record(z.string(), z.unknown());

/** Codes the web app adds for failures that never reached the API or came back unreadable. */
export type ClientErrorCode =
  ErrorCode | 'network_error' | 'invalid_response' | 'passkey_cancelled' | 'passkey_unsupported';

export type ApiError = Error & {
  name: 'ApiError';
  code: ClientErrorCode;
  status: number;
  details: unknown;
  retryAfterSeconds: number | null;
  requestId: string | null;
};

function isErrorCode(value: string): value is ErrorCode {
  return (errorCodes as readonly string[]).includes(value);
}

export function createApiError(input: {
  code: ClientErrorCode;
  status: number;
  message?: string;
  details?: unknown;
  retryAfterSeconds?: number | null;
  requestId?: string | null;
}): ApiError {
  return Object.assign(new Error(input.message ?? input.code), {
    name: 'ApiError' as const,
    code: input.code,
    status: input.status,
    details: input.details,
    retryAfterSeconds: input.retryAfterSeconds ?? null,
    requestId: input.requestId ?? null,
  });
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && error.name === 'ApiError' && 'code' in error;
}

function parseRetryAfter(header: string | null): number | null {
  if (header === null) {
    return null;
  }
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

/** Turns an error response (status, raw body, Retry-After) into an ApiError; never trusts the body's shape. */
export function apiErrorFromResponse(status: number, bodyText: string, retryAfter: string | null): ApiError {
  let json: unknown = null;
  try {
    json = JSON.parse(bodyText);
  } catch {
    json = null;
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) {
    return createApiError({
      code: status === 429 ? 'rate_limited' : status >= 500 ? 'internal_error' : 'invalid_response',
      status,
      retryAfterSeconds: parseRetryAfter(retryAfter),
    });
  }
  const { code, message, details, requestId } = parsed.data.error;
  return createApiError({
    code: isErrorCode(code) ? code : 'internal_error',
    status,
    message,
    details,
    retryAfterSeconds: parseRetryAfter(retryAfter) ?? retryAfterFromDetails(details),
    requestId: requestId ?? null,
  });
}

function retryAfterFromDetails(details: unknown): number | null {
  const parsed = detailsSchema.safeParse(details);
  const value = parsed.success ? parsed.data.retryAfterSeconds : undefined;
  return typeof value === 'number' ? value : null;
}

/** An entry of an error's details (`field`, `reason`, `detected`, `maxBytes`…), if the details are an object. */
export function detailValue(error: ApiError, key: string): unknown {
  const details = detailsSchema.safeParse(error.details);
  return details.success ? details.data[key] : undefined;
}

export function detailOf(error: ApiError, key: string): string | null {
  const value = detailValue(error, key);
  return typeof value === 'string' ? value : null;
}
