import { ValidationError, ValidationPipe } from '@nestjs/common';
import { Messages } from '@tracker/domain';

export interface FieldProblem {
  /** Dotted path, e.g. `milestones.0.dueDate`. */
  field: string;
  /** The rule broken, e.g. `maxLength`, `isCalendarDate`, `whitelistValidation`. */
  rule: string;
  messages: Messages;
}

/** Request input broke field rules (HTTP 400). Nothing has been written. */
export class RequestValidationError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.messages.en}`).join('; '));
    this.name = 'RequestValidationError';
  }
}

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
