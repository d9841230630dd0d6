import { SessionUser } from '../lib/types';

// sessionStorage: the token dies with the tab, as a shared court PC needs.
const TOKEN = 'tracker.token';
const USER = 'tracker.user';

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN);
}

export function getSessionUser(): SessionUser | null {
  const text = sessionStorage.getItem(USER);
  if (!text || !getToken()) return null;
  try {
    return JSON.parse(text) as SessionUser;
  } catch {
    return null;
  }
}

export function saveSession(token: string, user: SessionUser): void {
  sessionStorage.setItem(TOKEN, token);
  sessionStorage.setItem(USER, JSON.stringify(user));
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(USER);
}
