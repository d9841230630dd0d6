import { clearSession, getToken } from '../auth/session';

/** A refusal from the API in its one error shape (apps/api/src/http/error.filter.ts). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly field: string | null = null,
    /** Each field the API refused, with its rule and Chinese message (400 / 422 with a field). */
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

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<T> {
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
    // The login form's own 401 (wrong password) is an answer, not an expired session.
    if (response.status === 401 && path !== '/api/v1/auth/login') {
      clearSession();
      unauthorizedHandler?.();
    }
    throw new ApiError(
      response.status,
      typeof body?.message === 'string' ? body.message : `请求失败（${response.status}）`,
      body?.code ?? null,
      body?.field ?? null,
      Array.isArray(body?.errors) ? body.errors : [],
    );
  }
  return body as T;
}
