import { INestApplication } from '@nestjs/common';
import compression from 'compression';
import { Request, Response } from 'express';

/**
 * Already compressed (an .xlsx is a zip) or must reach the client as written (a server-sent event
 * stream is read line by line while it is open): never gzipped again.
 */
const LEAVE_ALONE = [
  /^text\/event-stream\b/i,
  /^application\/vnd\.openxmlformats-officedocument\./i,
  /^application\/zip\b/i,
];

/** Whether a response is gzipped when the client accepts it: compression's own rule, less LEAVE_ALONE. */
export function shouldCompress(request: Request, response: Response): boolean {
  const type = String(response.getHeader('Content-Type') ?? '');
  if (LEAVE_ALONE.some((pattern) => pattern.test(type))) return false;
  return compression.filter(request, response);
}

/**
 * gzip for the API's JSON answers, for clients that send Accept-Encoding: gzip. Mounted before
 * every route. The built web files carry their own gzipped copies (web-app.ts), which this leaves
 * as they are: a response that already has a Content-Encoding is never encoded twice.
 */
export function compressResponses(app: INestApplication): void {
  app.use(compression({ filter: shouldCompress }));
}
