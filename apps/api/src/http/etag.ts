import { Response } from 'express';
import { RequestValidationError } from '@tracker/command-path';

/** The ETag of a resource is its stream revision: `"7"`. This file is the only place that maps them. */
export function etagOf(revision: bigint): string {
  return `"${revision.toString()}"`;
}

export function setEtag(response: Response, revision: bigint | null): void {
  if (revision !== null) response.setHeader('ETag', etagOf(revision));
}

export function parseIfMatch(header: string | undefined): bigint | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"(\d{1,19})"\s*$/.exec(header);
  if (!m) {
    throw new RequestValidationError([
      {
        field: 'If-Match',
        rule: 'format',
        messages: { zh: 'If-Match 须为资源的 ETag，例如 "3"', en: 'must be an ETag such as "3"' },
      },
    ]);
  }
  return BigInt(m[1]);
}
