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
