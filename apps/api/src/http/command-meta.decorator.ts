import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CommandMeta } from '@tracker/command-path';
import { parseIfMatch } from './etag';
import { RequestValidationError } from '@tracker/command-path';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds a command's metadata from the request: actor, Idempotency-Key, If-Match, correlation. */
export const Meta = createParamDecorator((_: unknown, context: ExecutionContext): CommandMeta => {
  const request = context.switchToHttp().getRequest<Request & { user: AuthenticatedUser }>();
  const key = request.header('idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new RequestValidationError([
      {
        field: 'Idempotency-Key',
        rule: 'format',
        messages: {
          zh: 'Idempotency-Key 须为1-128个字母、数字或 ._:- 字符',
          en: 'must be 1-128 characters of A-Z a-z 0-9 . _ : -',
        },
      },
    ]);
  }
  const { userId, role, departmentId, secretary } = request.user;
  const correlation = request.header('x-request-id');
  return {
    actor: { userId, role, departmentId, secretary },
    idempotencyKey: key ?? null,
    expectedRevision: parseIfMatch(request.header('if-match')),
    correlationId: correlation && correlation.length <= 128 ? correlation : randomUUID(),
    causationId: null,
  };
});
