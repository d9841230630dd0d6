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
