import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, DomainErrorKind, Messages } from '@tracker/domain';
import { Request, Response } from 'express';
import {
  IdempotencyKeyReusedError,
  PreconditionFailedError,
  WriteConflictError,
} from '@tracker/command-path';
import { LoginLockedError } from '../auth/login-throttle';
import { languageOf } from './language';
import { MalformedRequestError } from './malformed-request';
import { RequestValidationError } from '@tracker/command-path';

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
};

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
  errors?: { field: string; rule: string; message: string }[];
}

/**
 * Every refusal leaves the API in one shape: status, a stable `code`, a message in the caller's
 * language and, for input problems, the field and the rule.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(ErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const lang = languageOf(request.headers['accept-language']);
    const say = (m: Messages) => m[lang];
    const body = errorBody(exception, say);
    if (body.statusCode >= 500)
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    // A locked login says when to try again, in the header clients and proxies read.
    if (exception instanceof LoginLockedError)
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(body.statusCode).json(body);
  }
}

/** The answer a thrown error becomes (the read log records a refusal's status and code from it). */
export function errorBody(exception: unknown, say: (m: Messages) => string): ErrorBody {
  if (exception instanceof RequestValidationError) {
    const errors = exception.problems.map((p) => ({
      field: p.field,
      rule: p.rule,
      message: say(p.messages),
    }));
    return {
      statusCode: 400,
      code: 'validation_failed',
      message: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      field: errors[0]?.field,
      errors,
    };
  }
  if (exception instanceof DomainError) {
    const statusCode = STATUS_OF_KIND[exception.kind];
    const body: ErrorBody = { statusCode, code: exception.code, message: say(exception.messages) };
    if (exception.field) {
      body.field = exception.field;
      body.errors = [{ field: exception.field, rule: exception.code, message: body.message }];
    }
    return body;
  }
  if (exception instanceof PreconditionFailedError) {
    return {
      statusCode: 412,
      code: 'precondition_failed',
      message: say({
        zh: '数据已被他人修改，请刷新后重试（If-Match 已过期）',
        en: `If-Match is stale: the resource is now at revision ${exception.actual ?? 'none'}`,
      }),
      field: 'If-Match',
    };
  }
  if (exception instanceof WriteConflictError) {
    return {
      statusCode: 409,
      code: 'concurrent_write',
      message: say({
        zh: '同一时间有其他人修改了该记录，请刷新后重试',
        en: 'Someone else changed it at the same moment; reload and retry',
      }),
    };
  }
  if (exception instanceof IdempotencyKeyReusedError) {
    return {
      statusCode: 422,
      code: 'idempotency_key_reused',
      message: say({ zh: 'Idempotency-Key 已用于另一项操作', en: exception.message }),
      field: 'Idempotency-Key',
    };
  }
  if (exception instanceof MalformedRequestError) {
    const message = say(exception.messages);
    return {
      statusCode: exception.status,
      code: exception.code,
      message,
      field: exception.field,
      errors: [{ field: exception.field, rule: exception.rule, message }],
    };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const raw =
      typeof response === 'string'
        ? response
        : ((response as { message?: unknown }).message ?? exception.message);
    const code = (response as { code?: string }).code ?? HttpStatus[statusCode]?.toLowerCase() ?? 'error';
    const messages = (response as { messages?: Messages }).messages;
    return {
      statusCode,
      code,
      message: messages ? say(messages) : Array.isArray(raw) ? raw.join('; ') : String(raw),
    };
  }
  return {
    statusCode: 500,
    code: 'internal_error',
    message: say({ zh: '服务器内部错误', en: 'Internal server error' }),
  };
}
