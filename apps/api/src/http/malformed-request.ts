import { Messages } from '@tracker/domain';

/**
 * A request refused before any route sees it: its body is too large, not UTF-8 JSON, compressed
 * in a way the API does not read, nested too deep, or not JSON at all. ErrorFilter answers it in
 * the usual shape; `field` is `body` or the header at fault.
 */
export class MalformedRequestError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: string,
    readonly field: string,
    readonly rule: string,
    readonly messages: Messages,
  ) {
    super(messages.en);
    this.name = 'MalformedRequestError';
  }
}
