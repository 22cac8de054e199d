/** The signed-in user as `POST /api/auth/login` and `GET /api/auth/me` return it. */
export type Role = 'admin' | 'quality_officer' | 'manager' | 'staff';
export const ROLES: readonly Role[] = ['admin', 'quality_officer', 'manager', 'staff'];

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  institutionId: string;
  institutionName: string;
  staffId: string | null;
  /** The API's locale: zh or en. */
  locale: string;
}

const TOKEN = 'carescore.token';
const USER = 'carescore.user';
const PENDING_LOCALE = 'carescore.pendingLocale';
const NEXT_PATH = 'carescore.nextPath';

function readUser(): SessionUser | null {
  const raw = localStorage.getItem(USER);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as SessionUser;
  } catch {
    return null;
  }
}

/** Seconds since the epoch at which a JWT expires, or null when it says nothing readable. */
function expiryOf(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' ? json.exp : null;
  } catch {
    return null;
  }
}

/** Token and user live in localStorage so a reload keeps the session; a new login replaces both. */
export const session = {
  token(): string | null {
    const token = localStorage.getItem(TOKEN);
    if (!token) return null;
    const exp = expiryOf(token);
    if (exp !== null && exp * 1000 <= Date.now()) {
      session.clear();
      return null;
    }
    return token;
  },
  user: readUser,
  role(): Role | null {
    return readUser()?.role ?? null;
  },
  start(token: string, user: SessionUser): void {
    localStorage.setItem(TOKEN, token);
    localStorage.setItem(USER, JSON.stringify(user));
    // The layout switches to the user's language once, right after signing in.
    localStorage.setItem(PENDING_LOCALE, user.locale);
  },
  update(user: SessionUser): void {
    localStorage.setItem(USER, JSON.stringify(user));
  },
  clear(): void {
    localStorage.removeItem(TOKEN);
    localStorage.removeItem(USER);
    localStorage.removeItem(PENDING_LOCALE);
  },
  /** The page a signed-out visitor asked for, to open once they have signed in (this tab only). */
  rememberNextPath(path: string): void {
    sessionStorage.setItem(NEXT_PATH, path);
  },
  takeNextPath(): string | null {
    const path = sessionStorage.getItem(NEXT_PATH);
    sessionStorage.removeItem(NEXT_PATH);
    return path;
  },
  takePendingLocale(): string | null {
    const locale = localStorage.getItem(PENDING_LOCALE);
    localStorage.removeItem(PENDING_LOCALE);
    return locale;
  },
};
