import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { z } from 'zod';
import { roleSchema } from '@carescore/engine';
import { SignedInAccounts } from '../../modules/users/signed-in-accounts';
import { DomainError } from '../errors/domain-error';
import type { AuthUser } from './auth-user';
import { VerifiedTokens } from './verified-tokens';
import { type AuthenticatedRequest, IS_PUBLIC, ROLES } from './decorators';
import { msg } from '../i18n/messages';

const tokenPayloadSchema = z.object({
  sub: z.uuid(),
  inst: z.uuid(),
  email: z.string(),
  role: roleSchema,
  staff: z.uuid().nullable(),
  exp: z.number(),
});
type TokenPayload = z.infer<typeof tokenPayloadSchema>;

/** Global guard: a valid bearer token on every route not marked @Public(), then the @Roles() check. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verifiedTokens = new VerifiedTokens<TokenPayload>();

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(SignedInAccounts) private readonly accounts: SignedInAccounts,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.user = await this.authenticate(request.headers.authorization);
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.user.role)) throw new DomainError('Forbidden', msg('auth.roles_required', { roles: roles.join(', ') }));
    return true;
  }

  private async authenticate(header: string | undefined): Promise<AuthUser> {
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new DomainError('Unauthenticated', msg('auth.sign_in_first'));
    const claims = this.verifiedTokens.get(token, Date.now()) ?? (await this.verify(token));
    // The token proves who signed in; the account as it is now decides what they may do, so a
    // deactivated user or a changed role takes effect at once rather than when the token expires
    // (SignedInAccounts keeps accounts in memory only while the database announces their changes).
    const user = await this.accounts.find(claims.inst, claims.sub);
    if (!user || !user.active) throw new DomainError('Unauthenticated', msg('auth.account_disabled'));
    return { id: user.id, institutionId: user.institutionId, email: user.email, role: user.role, staffId: user.staffId };
  }

  private async verify(token: string): Promise<TokenPayload> {
    let payload: unknown;
    try {
      payload = await this.jwt.verifyAsync(token);
    } catch {
      throw new DomainError('Unauthenticated', msg('auth.token_expired'));
    }
    const parsed = tokenPayloadSchema.safeParse(payload);
    if (!parsed.success) throw new DomainError('Unauthenticated', msg('auth.token_invalid'));
    this.verifiedTokens.remember(token, parsed.data, parsed.data.exp);
    return parsed.data;
  }
}
