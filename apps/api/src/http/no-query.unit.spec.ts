import 'reflect-metadata';
import { CallHandler, ExecutionContext, Query } from '@nestjs/common';
import { RequestValidationError } from '@tracker/command-path';
import { of } from 'rxjs';
import { UndeclaredQueryInterceptor } from './no-query';

class ExampleController {
  none(): void {}
  named(@Query('after') _after: string, @Query('limit') _limit: string): void {}
  whole(@Query() _query: object): void {}
}

function contextFor(handler: keyof ExampleController, query: Record<string, unknown>): ExecutionContext {
  return {
    getType: () => 'http',
    getClass: () => ExampleController,
    getHandler: () => ExampleController.prototype[handler],
    switchToHttp: () => ({ getRequest: () => ({ query }) }),
  } as unknown as ExecutionContext;
}

const next: CallHandler = { handle: () => of('handled') };

/** The fields a refusal names, or 'passed' when the handler is reached. */
function outcome(handler: keyof ExampleController, query: Record<string, unknown>): string[] | 'passed' {
  const interceptor = new UndeclaredQueryInterceptor();
  try {
    interceptor.intercept(contextFor(handler, query), next);
    return 'passed';
  } catch (error) {
    if (error instanceof RequestValidationError) return error.problems.map((p) => p.field);
    throw error;
  }
}

describe('query parameters a handler does not read', () => {
  it('are refused on a handler that reads none, each named', () => {
    expect(outcome('none', { status: 'open', x: '1' })).toEqual(['status', 'x']);
    expect(outcome('none', {})).toBe('passed');
  });

  it('are refused beside the named ones a handler reads, which pass', () => {
    expect(outcome('named', { after: '5', limit: '10' })).toBe('passed');
    expect(outcome('named', { after: '5', limt: '10' })).toEqual(['limt']);
  });

  it('are left to the validation pipe when the handler takes the whole query (a DTO)', () => {
    expect(outcome('whole', { anything: '1' })).toBe('passed');
  });
});
