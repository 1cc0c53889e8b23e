// Who is signed in, computed once from GET /api/me, and what they may do (`can('org:unit:edit')`).
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, setCsrfToken } from './api';
import type { Me } from './types';

interface AuthState {
  me: Me | null;
  loading: boolean;
  can: (permission: string) => boolean;
  refresh: () => Promise<Me | null>;
  logout: (everywhere?: boolean) => Promise<void>;
  /** The user signed out on purpose: the login page then has nothing to return to. */
  signedOut: boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [signedOut, setSignedOut] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const next = await api.get<Me>('/api/me', { noRedirect: true });
      setCsrfToken(next.csrfToken);
      setMe(next);
      setSignedOut(false);
      return next;
    } catch {
      setCsrfToken(null);
      setMe(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const logout = useCallback(async (everywhere = false) => {
    try {
      await api.post(everywhere ? '/api/auth/logout-all' : '/api/auth/logout', {}, { noRedirect: true });
    } finally {
      setCsrfToken(null);
      setSignedOut(true);
      setMe(null);
    }
  }, []);

  const value = useMemo<AuthState>(() => {
    const perms = new Set(me?.permissions ?? []);
    return { me, loading, can: (p: string) => perms.has(p), refresh, logout, signedOut };
  }, [me, loading, refresh, logout, signedOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The access map of the signed-in user (like Ant Design Pro's `useAccess`). */
export function useAccess() {
  return useAuth().can;
}
