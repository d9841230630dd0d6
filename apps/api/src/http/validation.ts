import { ValidationError, ValidationPipe } from '@nestjs/common';
import { Messages } from '@tracker/domain';
import { FieldProblem, RequestValidationError } from '@tracker/command-path';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, fallback]) => {
      const context = error.contexts?.[rule] as Messages | undefined;
      if (rule === 'whitelistValidation') {
        return {
          field,
          rule,
          messages: { zh: `不允许的字段：${field}`, en: `${field} is not an allowed field` },
        };
      }
      return { field, rule, messages: context ?? { zh: `${field}：${fallback}`, en: fallback } };
    });
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelist, refuse unknown fields, transform into the DTO classes. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flatten(errors)),
  });
}
