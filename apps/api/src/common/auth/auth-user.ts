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
  /**
   * Set while an approved change request is applied: `user` is the approver, and every audit entry the change
   * writes names both people (issue 15).
   */
  approval?: { changeRequestId: string; requestedBy: { id: string; email: string } };
}
