import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from '@carescore/engine';
import type { AuthUser, RequestContext } from './auth-user';

export const IS_PUBLIC = 'carescore:public';
export const ROLES = 'carescore:roles';

/** No token needed (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Only these roles may call the handler; enforced by RolesGuard. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export type AuthenticatedRequest = Request & { user?: AuthUser };

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.user) throw new Error('CurrentUser used on a public route');
  return request.user;
});

/** The caller plus their address, for audit entries. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.user) throw new Error('Ctx used on a public route');
  return { user: request.user, ip: request.ip ?? null };
});
