import type { Role } from '@carescore/engine';

/** Who is calling: decoded from the JWT on every request. Every query filters on institutionId. */
export interface AuthUser {
  id: string;
  institutionId: string;
  email: string;
  role: Role;
  staffId: string | null;
}

export interface RequestContext {
  user: AuthUser;
  ip: string | null;
}
