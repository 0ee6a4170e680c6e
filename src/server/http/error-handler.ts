import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiErrorBody, ErrorCode } from '../../shared/error-codes.js';
import { errorCodes } from '../../shared/error-codes.js';
import { describeDatabaseError } from '../db/errors.js';
import { AppError, httpStatusOf } from '../errors.js';

function send(reply: FastifyReply, code: ErrorCode, message: string, details?: unknown, requestId?: string) {
  const body: ApiErrorBody = {
    error: {
      code,
      message,
      ...(details === undefined ? {} : { details }),
      ...(requestId ? { requestId } : {}),
    },
  };
  return reply.code(httpStatusOf(code)).type('application/json; charset=utf-8').send(body);
}

function isErrorCode(value: string | undefined): value is ErrorCode {
  return value !== undefined && (errorCodes as readonly string[]).includes(value);
}

/** Fastify's own error codes that mean "the client sent something wrong", mapped to ours. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'too_many_files',
  FST_PARTS_LIMIT: 'multipart_invalid',
  FST_FIELDS_LIMIT: 'multipart_invalid',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'multipart_invalid',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'validation_failed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'validation_failed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'validation_failed',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
};

/**
 * One mapping from errors to the stable body `{ error: { code, message, details } }`. Unknown
 * errors become 500 with the request id; the log gets the stack, never the request payload.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(
    (error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) => {
      if (error instanceof AppError) {
        if (error.retryAfterSeconds !== undefined) {
          void reply.header('retry-after', String(error.retryAfterSeconds));
        }
        if (error.status >= 500) {
          request.log.error({ err: error }, error.message);
        }
        return send(
          reply,
          error.code,
          error.message,
          error.details,
          error.status >= 500 ? request.id : undefined,
        );
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const issues = error.validation.map((issue) => ({
          path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
          code: isErrorCode(issue.message) ? issue.message : issue.keyword,
          message: issue.message ?? issue.keyword,
        }));
        return send(reply, 'validation_failed', 'The request is not valid', {
          issues,
          in: error.validationContext,
        });
      }
      const fastifyError = error as FastifyError;
      if (fastifyError.statusCode === 429) {
        return send(reply, 'rate_limited', 'Too many requests; slow down');
      }
      const mapped = fastifyError.code ? fastifyCodes[fastifyError.code] : undefined;
      if (mapped) {
        return send(reply, mapped, error.message);
      }
      const byStatus: Partial<Record<number, ErrorCode>> = {
        401: 'unauthenticated',
        403: 'forbidden',
        404: 'not_found',
      };
      if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
        return send(reply, byStatus[fastifyError.statusCode] ?? 'validation_failed', error.message);
      }
      const databaseError = describeDatabaseError(error);
      if (databaseError) {
        request.log.error({ db: databaseError }, 'database error');
      } else {
        request.log.error({ err: error }, 'unhandled error');
      }
      return send(reply, 'internal_error', 'Something went wrong on our side', undefined, request.id);
    },
  );
}
