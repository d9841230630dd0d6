import { clearSession, getToken, saveSession } from '../auth/session';
import { SessionUser } from '../lib/types';

/** A refusal from the API in its one error shape (apps/api/src/http/error.filter.ts). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly field: string | null = null,
    /** Every field the API refused, so a form can show each message beside its field. */
    readonly errors: { field: string; rule: string; message: string }[] = [],
  ) {
    super(message);
  }
}

let unauthorizedHandler: (() => void) | null = null;

/** The app's reaction to a 401 anywhere: back to the login page (set by the auth provider). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/** A 401 outside the login form: the session is over, wherever the request came from. */
export function sessionExpired(): void {
  clearSession();
  unauthorizedHandler?.();
}

/** Paths whose 401 is an answer about signing in, not an expired access token. */
const SIGN_IN_PATHS = ['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout'];

let renewing: Promise<boolean> | null = null;

/**
 * A new access token from the HttpOnly session cookie (the access token lives minutes, the
 * session hours). Requests failing at once share one renewal.
 */
export function renewSession(): Promise<boolean> {
  renewing ??= (async () => {
    try {
      const response = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { Accept: 'application/json' },
      });
      if (!response.ok) return false;
      const body = (await response.json()) as { accessToken: string; user: SessionUser };
      saveSession(body.accessToken, body.user);
      return true;
    } catch {
      return false;
    } finally {
      setTimeout(() => (renewing = null), 0);
    }
  })();
  return renewing;
}

export interface ApiInit {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. If-Match and Idempotency-Key on a write. */
  headers?: Record<string, string>;
}

export async function api<T>(path: string, init: ApiInit = {}): Promise<T> {
  return (await apiWithEtag<T>(path, init)).body;
}

/** The body and the ETag header (the stream revision a later write must name in If-Match). */
export async function apiWithEtag<T>(
  path: string,
  init: ApiInit = {},
): Promise<{ body: T; etag: string | null }> {
  const { body, headers } = await apiWithHeaders<T>(path, init);
  return { body, etag: headers.get('ETag') };
}

/** The body and every response header (e.g. the audit feed's X-Scanned-Through). */
export async function apiWithHeaders<T>(
  path: string,
  init: ApiInit = {},
  renewed = false,
): Promise<{ body: T; headers: Headers }> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': 'zh-CN',
    ...init.headers,
  };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, '无法连接服务器，请检查网络后重试');
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    // The login form's own 401 (wrong password) is an answer, not an expired session. An expired
    // access token is renewed from the session cookie once, and the request sent again.
    if (response.status === 401 && !SIGN_IN_PATHS.includes(path)) {
      if (!renewed && (await renewSession())) return apiWithHeaders<T>(path, init, true);
      sessionExpired();
    }
    throw new ApiError(
      response.status,
      typeof body?.message === 'string' ? body.message : `请求失败（${response.status}）`,
      body?.code ?? null,
      body?.field ?? null,
      Array.isArray(body?.errors) ? body.errors : [],
    );
  }
  return { body: body as T, headers: response.headers };
}
