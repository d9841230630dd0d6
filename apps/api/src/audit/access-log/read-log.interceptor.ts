import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request, Response } from 'express';
import { catchError, concatMap, from, Observable, throwError } from 'rxjs';
import { errorBody } from '../../http/error.filter';
import { awaitRead, ReadLog } from './read-log';
import { RECORDS_READ, RecordsReadOptions } from './records-read.decorator';

/**
 * Records each answer of a `@RecordsRead` route in the access log: granted once the handler has
 * answered, before the body is sent (a route that streams its own body — the ledger workbook, an
 * attachment's bytes — calls `recordReadBeforeBody` before its first byte), and refused (any 4xx: the
 * department's scope, a missing record, a bad query) before the refusal is sent. Registered
 * first, so a query refused by an inner interceptor is recorded too. If the log cannot be
 * written the read fails: an unrecorded read is what the log exists to rule out.
 */
@Injectable()
export class ReadLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly readLog: ReadLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const options = this.reflector.getAllAndOverride<RecordsReadOptions | undefined>(RECORDS_READ, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!options) return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const recordedEarly = awaitRead(request, (status) =>
      this.readLog.record(options, request, { status, code: null }),
    );
    return next.handle().pipe(
      concatMap(async (value: unknown) => {
        if (!recordedEarly())
          await this.readLog.record(options, request, { status: response.statusCode, code: null });
        return value;
      }),
      catchError((error: unknown) => {
        const { statusCode, code } = errorBody(error, (m) => m.en);
        // A 5xx is the server's failure, not a read; a read recorded before its body stays granted.
        if (statusCode < 400 || statusCode >= 500 || recordedEarly()) return throwError(() => error);
        return from(this.readLog.record(options, request, { status: statusCode, code })).pipe(
          concatMap(() => throwError(() => error)),
        );
      }),
    );
  }
}
