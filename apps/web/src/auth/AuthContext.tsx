import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  ReactNode,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { useNavigate } from 'react-router';
import { api, onUnauthorized } from '../api/client';
import { loginPath } from '../lib/navigation';
import { SessionUser } from '../lib/types';
import { clearSession, getSessionUser, saveSession } from './session';

interface Auth {
  user: SessionUser | null;
  login(username: string, password: string): Promise<SessionUser>;
  logout(): void;
  /** After 修改密码: every other session ended, this one goes on with the token the API gave. */
  passwordChanged(accessToken: string): void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(getSessionUser);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  useEffect(() => {
    onUnauthorized(() => {
      queryClient.clear();
      const here = window.location.pathname + window.location.search;
      // Several queries fail at once; the first already went to the login page with the way back.
      if (window.location.pathname === '/login') return;
      // One transition with the router's own: else the guard sees no user first and redirects without saying why.
      startTransition(() => {
        setUser(null);
        navigate(loginPath(here), { replace: true, state: { expired: true } });
      });
    });
    return () => onUnauthorized(null);
  }, [navigate, queryClient]);

  const login = useCallback(
    async (username: string, password: string) => {
      const result = await api<{ accessToken: string; user: SessionUser }>('/api/v1/auth/login', {
        method: 'POST',
        body: { username, password },
      });
      queryClient.clear();
      saveSession(result.accessToken, result.user);
      setUser(result.user);
      return result.user;
    },
    [queryClient],
  );

  const logout = useCallback(() => {
    // Ends the session on the server (cookie and tokens); the page goes to the login form at once.
    void api('/api/v1/auth/logout', { method: 'POST' }).catch(() => undefined);
    clearSession();
    queryClient.clear();
    startTransition(() => {
      setUser(null);
      navigate('/login', { replace: true });
    });
  }, [navigate, queryClient]);

  const passwordChanged = useCallback(
    (accessToken: string) => {
      if (!user) return;
      const next = { ...user, mustChangePassword: false };
      saveSession(accessToken, next);
      queryClient.clear();
      setUser(next);
    },
    [user, queryClient],
  );

  const value = useMemo(
    () => ({ user, login, logout, passwordChanged }),
    [user, login, logout, passwordChanged],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
