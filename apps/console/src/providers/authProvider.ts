import { type AuthProvider, HttpError } from 'react-admin';
import { API_URL, httpClient, isApiErrorBody, withLanguage } from './httpClient';
import { canAccess } from './permissions';
import { session, type SessionUser } from './session';

export const LOGIN_PATH = '/login';

interface LoginResponse {
  token: string;
  expiresIn: string;
  user: SessionUser;
}

/** `GET /api/auth/me` once per page load (several components ask for the identity at once); a sign-in sets it. */
let me: Promise<SessionUser> | null = null;

async function fetchMe(): Promise<SessionUser> {
  const { json } = await httpClient(`${API_URL}/auth/me`);
  const user = json as SessionUser;
  session.update(user);
  return user;
}

/**
 * Signs in on `POST /api/auth/login` (react-admin's login form calls the email "username"), then
 * opens the page the visitor had asked for, if any.
 */
async function login({ username, email, password }: { username?: string; email?: string; password: string }): Promise<{ redirectTo: string }> {
  const response = await fetch(`${API_URL}/auth/login`, {
    method: 'POST',
    headers: withLanguage({ 'Content-Type': 'application/json', Accept: 'application/json' }),
    body: JSON.stringify({ email: (email ?? username ?? '').trim(), password }),
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(isApiErrorBody(body) ? body.message : 'ra.auth.sign_in_error');
  }
  const { token, user } = body as LoginResponse;
  session.start(token, user);
  me = Promise.resolve(user);
  const next = session.takeNextPath();
  return { redirectTo: next && next.startsWith('/') && !next.startsWith('//') ? next : '/' };
}

export const authProvider: AuthProvider = {
  login,
  /**
   * Signing out (or an expired token) reloads the console on the login page. react-admin's own
   * in-app redirect resets its store and queries while the router's navigation is still pending,
   * which with React 19 transitions re-triggered the logout hundreds of times before the login
   * page showed; a fresh page load also leaves nothing of the last user in memory.
   */
  async logout() {
    me = null;
    session.clear();
    if (window.location.pathname === LOGIN_PATH) return;
    window.location.replace(LOGIN_PATH);
    // The page is going away: never let react-admin go on with its own redirect.
    return new Promise<never>(() => undefined);
  },
  async checkAuth() {
    if (!session.token()) throw new Error('ra.auth.auth_check_error');
  },
  async checkError(error: unknown) {
    const status = error instanceof HttpError ? error.status : (error as { status?: number } | null)?.status;
    // 401: the token is missing, expired or revoked. A 403 only means this role may not do that.
    if (status === 401) {
      me = null;
      session.clear();
      throw new Error('ra.notification.logged_out');
    }
  },
  async getIdentity() {
    const stored = session.user();
    if (!stored) throw new Error('ra.auth.auth_check_error');
    try {
      me ??= fetchMe();
      const user = await me;
      return { ...user, fullName: user.name };
    } catch (error) {
      me = null;
      if (error instanceof HttpError && error.status === 401) throw error;
      return { ...stored, fullName: stored.name };
    }
  },
  async getPermissions() {
    return session.role();
  },
  async canAccess({ resource, action, record }) {
    return canAccess(session.role(), resource, action, record as Record<string, unknown> | undefined);
  },
};
