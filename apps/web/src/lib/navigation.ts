import { Role } from './types';

/** Where each role starts after signing in. */
export function homePath(role: Role): string {
  switch (role) {
    case 'leader':
      return '/board';
    case 'department_head':
      return '/todo';
    case 'inspector':
      return '/audit';
    case 'admin':
      return '/system';
  }
}

/**
 * The `next` of /login?next=…, kept only when it is a path on this site: never another origin
 * (`//host`, `https://…`), never the login page itself.
 */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (/^\/login(\/|\?|$)/.test(next)) return null;
  return next;
}

/** The login page that brings the user back to `current` (path + search) afterwards. */
export function loginPath(current: string): string {
  const next = safeNext(current);
  return next === null || next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}
