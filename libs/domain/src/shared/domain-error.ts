/**
 * A refused command. `kind` says how the refusal reads to a caller:
 * invalid → the input breaks a rule about one field (HTTP 400, `field` names it);
 * forbidden → the actor may not do this (403); not_found (404);
 * conflict → it already exists (409); rule → a business rule refused it (422).
 * Every refusal carries a Chinese message for users and an English one for integrations.
 */
export type DomainErrorKind = 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'rule';

export interface Messages {
  zh: string;
  en: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    readonly messages: Messages,
    readonly field?: string,
  ) {
    super(messages.en);
    this.name = 'DomainError';
  }
}

export const invalid = (field: string, code: string, zh: string, en: string) =>
  new DomainError('invalid', code, { zh, en }, field);
export const forbidden = (code: string, zh: string, en: string) =>
  new DomainError('forbidden', code, { zh, en });
export const notFound = (code: string, zh: string, en: string) =>
  new DomainError('not_found', code, { zh, en });
export const conflict = (code: string, zh: string, en: string) =>
  new DomainError('conflict', code, { zh, en });
export const refused = (code: string, zh: string, en: string) => new DomainError('rule', code, { zh, en });
