import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Request } from 'express';
import { Observable } from 'rxjs';
import { RequestValidationError } from '@tracker/command-path';

/**
 * For a route that takes no query parameters: any given is refused the way the validation pipe
 * refuses an unknown field, so a misspelt filter is a 400 rather than silently ignored.
 */
export function refuseQueryParameters(query: Record<string, unknown>): void {
  const fields = Object.keys(query);
  if (fields.length === 0) return;
  throw new RequestValidationError(
    fields.map((field) => ({
      field,
      rule: 'whitelistValidation',
      messages: { zh: `不允许的字段：${field}`, en: `${field} is not an allowed field` },
    })),
  );
}

/** Reads which query parameters a handler takes: `all` when it takes the whole object (a DTO). */
function declaredQuery(controller: object, handler: string): 'all' | Set<string> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<
    string,
    { data?: unknown }
  >;
  const named = new Set<string>();
  for (const [key, arg] of Object.entries(args)) {
    if (key.split(':')[0] !== String(RouteParamtypes.QUERY)) continue;
    if (typeof arg.data !== 'string') return 'all';
    named.add(arg.data);
  }
  return named;
}

/**
 * Every route refuses query parameters it does not read: a route with a query DTO has the
 * validation pipe name the unknown ones; one that reads named parameters (`@Query('after')`), or
 * none at all, is checked here, so `?status=overdue` on a route without filters is a 400 rather
 * than an unfiltered answer that looks filtered.
 */
@Injectable()
export class UndeclaredQueryInterceptor implements NestInterceptor {
  private readonly declared = new Map<unknown, 'all' | Set<string>>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const handler = context.getHandler();
    let declared = this.declared.get(handler);
    if (declared === undefined) {
      declared = declaredQuery(context.getClass(), handler.name);
      this.declared.set(handler, declared);
    }
    if (declared !== 'all') {
      const query = context.switchToHttp().getRequest<Request>().query as Record<string, unknown>;
      const known = declared;
      refuseQueryParameters(Object.fromEntries(Object.entries(query).filter(([k]) => !known.has(k))));
    }
    return next.handle();
  }
}
