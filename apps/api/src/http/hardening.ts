import { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { AppConfig } from '@tracker/platform';
import { MalformedRequestError } from './malformed-request';

/** The largest request body the API reads, after decompression (documented in docs/operations.md). */
export const BODY_LIMIT_BYTES = 1024 * 1024;
const BODY_LIMIT_TEXT = '1 MB';
/** The deepest nesting of objects and arrays a JSON body may have; `{"a":[1]}` is 2. */
export const MAX_JSON_DEPTH = 32;
/** The Content-Encodings body-parser inflates; anything else is a 415. */
export const BODY_ENCODINGS = ['identity', 'gzip', 'deflate', 'br'];

/**
 * What every request meets before any route: the proxy setting, security headers (helmet, with a
 * content-security policy the web UI passes), no X-Powered-By, and the one body parser — UTF-8
 * JSON up to BODY_LIMIT_BYTES and MAX_JSON_DEPTH deep — whose every refusal becomes a
 * MalformedRequestError. Call before anything else is mounted; `NestFactory.create` must be given
 * `bodyParser: false` so Nest does not mount its own parsers first.
 */
export function harden(app: INestApplication, config: AppConfig): void {
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.set('trust proxy', config.trustProxy);
  server.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(decodablePath);
  app.use(onlyJsonBodies);
  app.use(jsonBody());
}

/**
 * helmet's defaults, with a policy that names no origin but this one: an intranet court's browser
 * must not reach outside. Scripts only from files (the Vite build has no inline script); styles
 * inline too, since Ant Design writes its CSS into <style> elements at run time; images also as
 * data: and blob: URLs (ECharts and antd icons). No upgrade-insecure-requests: courts often serve
 * plain HTTP on their own network, where it would break every asset.
 */
function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        // The evidence preview shows a PDF fetched with the user's token, from a blob: URL.
        frameSrc: ["'self'", 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        workerSrc: ["'self'", 'blob:'],
      },
    },
  });
}

/**
 * A path whose percent-escapes do not decode (`/measures/%E0%A4%A`) is refused here, in the
 * usual shape, rather than by the router's URIError when it decodes a parameter.
 */
function decodablePath(request: Request, _response: Response, next: NextFunction): void {
  try {
    decodeURIComponent(request.path);
    next();
  } catch {
    next(
      new MalformedRequestError(400, 'invalid_path', 'path', 'percentEncoding', {
        zh: '请求路径含有无效的百分号编码',
        en: 'The path holds a percent-escape that does not decode',
      }),
    );
  }
}

/**
 * The routes that take a file (multipart/form-data), each streaming it itself: a measure's evidence
 * upload, and a problem list to import into a campaign.
 */
export const UPLOAD_ROUTE = /^\/api\/v1\/(?:measures\/[^/]+\/attachments|campaigns\/[^/]+\/imports)\/?$/;

/** Under /api a body is JSON or nothing (the upload route excepted): a form, a file or text is a 415 before any route. */
function onlyJsonBodies(request: Request, _response: Response, next: NextFunction): void {
  if (!request.path.startsWith('/api/') || !hasBody(request) || request.is('application/json')) return next();
  if (request.method === 'POST' && UPLOAD_ROUTE.test(request.path)) return next();
  const type = request.headers['content-type'] ?? '';
  next(
    new MalformedRequestError(415, 'unsupported_media_type', 'Content-Type', 'isJson', {
      zh: `请求体须为 JSON（Content-Type: application/json），不支持 ${type || '无 Content-Type'}`,
      en: `The body must be JSON (Content-Type: application/json), not ${type || 'untyped'}`,
    }),
  );
}

/** A chunked body, or a Content-Length above zero (type-is counts `Content-Length: 0` as a body). */
function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function jsonBody(): RequestHandler {
  const parse = express.json({
    limit: BODY_LIMIT_BYTES,
    type: 'application/json',
    inflate: true,
    strict: true,
    verify: (_request, _response, body, encoding) => {
      // body-parser takes any utf-* charset; the API reads UTF-8 only.
      if (encoding !== 'utf-8')
        throw Object.assign(new Error(`charset ${encoding}`), {
          status: 415,
          type: 'charset.unsupported',
          charset: encoding,
        });
      if (nestingExceeds(body, MAX_JSON_DEPTH))
        throw Object.assign(new Error('nested too deep'), { status: 400, type: 'entity.too.deep' });
    },
  });
  return (request, response, next) =>
    parse(request, response, (error?: unknown) =>
      error === undefined ? next() : next(refusalOf(error, request)),
    );
}

/**
 * Whether the JSON text nests objects and arrays deeper than `max`, counted on the raw bytes
 * before parsing (UTF-8 continuation bytes never equal an ASCII bracket or quote), so a body a
 * thousand levels deep never reaches class-transformer's recursion.
 */
export function nestingExceeds(body: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

const BODY = 'body';

/**
 * body-parser's refusals, by the `type` it gives each (and raw-body's), in the API's terms. An
 * error without a known type but a 4xx status came from reading the stream: a body that does
 * not match its Content-Encoding or Content-Length. A 5xx stays as it is: that is our fault.
 */
function refusalOf(error: unknown, request: Request): unknown {
  const { type, status, charset } = error as { type?: string; status?: number; charset?: string };
  switch (type) {
    case 'entity.too.large':
      return new MalformedRequestError(413, 'payload_too_large', BODY, 'maxSize', {
        zh: `请求体过大：上限为 ${BODY_LIMIT_TEXT}`,
        en: `The body is larger than the ${BODY_LIMIT_TEXT} limit`,
      });
    case 'charset.unsupported':
      return new MalformedRequestError(415, 'unsupported_charset', 'Content-Type', 'charset', {
        zh: `请求体须为 UTF-8 编码的 JSON，不支持字符集 ${charset}`,
        en: `The body must be UTF-8 JSON; charset ${charset} is not supported`,
      });
    case 'encoding.unsupported': {
      const encoding = request.headers['content-encoding'] ?? '';
      return new MalformedRequestError(415, 'unsupported_encoding', 'Content-Encoding', 'encoding', {
        zh: `不支持的 Content-Encoding：${encoding}（可用 ${BODY_ENCODINGS.join('、')}）`,
        en: `Content-Encoding ${encoding} is not supported (use ${BODY_ENCODINGS.join(', ')})`,
      });
    }
    case 'entity.too.deep':
      return new MalformedRequestError(400, 'json_too_deep', BODY, 'maxDepth', {
        zh: `请求体嵌套过深：对象和数组最多嵌套 ${MAX_JSON_DEPTH} 层`,
        en: `The body nests objects and arrays more than ${MAX_JSON_DEPTH} deep`,
      });
    case 'entity.parse.failed':
      return new MalformedRequestError(400, 'invalid_json', BODY, 'isJson', {
        zh: '请求体不是有效的 JSON（须为对象或数组）',
        en: 'The body is not valid JSON (it must be an object or an array)',
      });
    case 'request.size.invalid':
      return new MalformedRequestError(400, 'invalid_body', 'Content-Length', 'length', {
        zh: '请求体长度与 Content-Length 不符',
        en: 'The body does not have the length its Content-Length says',
      });
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const encoded = (request.headers['content-encoding'] ?? 'identity').toLowerCase() !== 'identity';
    return encoded
      ? new MalformedRequestError(400, 'invalid_encoding', 'Content-Encoding', 'encoding', {
          zh: '请求体与其 Content-Encoding 不符，无法解压',
          en: 'The body does not decompress as its Content-Encoding says',
        })
      : new MalformedRequestError(400, 'invalid_body', BODY, 'readable', {
          zh: '请求体无法读取',
          en: 'The body could not be read',
        });
  }
  return error;
}
