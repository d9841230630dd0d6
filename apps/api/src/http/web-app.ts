import { INestApplication, Logger } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Where `vite build` puts the web UI, relative to the repository root. */
const WEB_DIST = join('dist', 'web');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt']);

interface WebFile {
  type: string;
  body: Buffer;
  compressible: boolean;
  /** Made on the first request that accepts gzip, then kept: every API start need not pay for it. */
  gzipped?: Buffer;
  cacheControl: string;
}

/**
 * Serves the built web UI (apps/web) at `/` from the API's own origin, so an intranet court needs
 * nothing else. The build is small and immutable while the process runs, so every file is read
 * once at start. `/api` and `/admin` are never caught; other paths without a file
 * are client routes and get index.html.
 */
export function serveWebApp(app: INestApplication, webDir = findWebDist()): void {
  const logger = new Logger('WebApp');
  if (webDir === null || !existsSync(join(webDir, 'index.html'))) {
    logger.warn(`网页界面未构建（未找到 ${WEB_DIST}/index.html），仅提供 API；运行 npm run build:web 后重启`);
    return;
  }
  const files = loadFiles(webDir);
  const index = files.get('/index.html')!;
  logger.log(`网页界面：${webDir}（${files.size} 个文件）`);
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const path = request.path;
    if (isReserved(path)) return next();
    const file = files.get(path === '/' ? '/index.html' : path);
    if (file) return send(request, response, file);
    // A missing asset is a 404, never the page: a stale hashed name must not load HTML as script.
    if (path.startsWith('/assets/') || extname(path) !== '') return next();
    return send(request, response, index);
  });
}

function isReserved(path: string): boolean {
  return /^\/(api|admin)(\/|$)/.test(path);
}

function send(request: Request, response: Response, file: WebFile): void {
  response.setHeader('Content-Type', file.type);
  response.setHeader('Cache-Control', file.cacheControl);
  response.setHeader('Vary', 'Accept-Encoding');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  const gzip = file.compressible && /\bgzip\b/.test(request.header('accept-encoding') ?? '');
  if (gzip) file.gzipped ??= gzipSync(file.body, { level: 9 });
  const body = gzip ? file.gzipped! : file.body;
  if (gzip) response.setHeader('Content-Encoding', 'gzip');
  response.setHeader('Content-Length', body.length);
  response.status(200).end(request.method === 'HEAD' ? undefined : body);
}

function loadFiles(webDir: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  for (const path of walk(webDir)) {
    const urlPath = '/' + relative(webDir, path).split(sep).join('/');
    const ext = extname(path).toLowerCase();
    const body = readFileSync(path);
    files.set(urlPath, {
      type: TYPES[ext] ?? 'application/octet-stream',
      body,
      compressible: COMPRESSIBLE.has(ext) && body.length > 512,
      // Vite puts a content hash in every name under /assets; everything else may change on upgrade.
      cacheControl: urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  }
  return files;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** True when the web UI is built, so the API serves it at `/`. */
export function webAppBuilt(): boolean {
  return findWebDist() !== null;
}

/** dist/web under the repository root, found from here whether running from source or from dist/. */
function findWebDist(): string | null {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, WEB_DIST);
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}
