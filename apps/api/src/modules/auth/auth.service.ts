import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { TransactionRunner } from '../../database/transaction';
import { DomainError, notFound, tooManyRequests } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { InstitutionsRepository } from '../institutions/institutions.repository';
import type { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import type { LoginRequest, LoginResponse, MeResponse } from './auth.dto';
import { accountsWithPassword } from './login-accounts';
import { LoginThrottle } from './login-throttle';
import { msg } from '../../common/i18n/messages';

@Injectable()
export class AuthService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(InstitutionsRepository) private readonly institutions: InstitutionsRepository,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
  ) {}

  /**
   * Every attempt is counted as a failure against the account and the address before the password is checked (an
   * unknown email the same way, against dummy hashes, so neither limits nor timing tell which emails exist); a
   * success gives the count back. Refused attempts (429) are not audited, so the audit log grows by at most the
   * limits however hard a client hammers; failures within them and every success are.
   */
  async login(request: LoginRequest, ip: string | null): Promise<LoginResponse> {
    const email = request.email.toLowerCase();
    const permit = await this.throttle.attempt(ip, email);
    if (!permit.allowed) throw tooManyRequests(msg('auth.too_many_attempts', { seconds: permit.retryAfterSeconds }), permit.retryAfterSeconds);
    // An email may sign in to several institutions (it is unique per institution): the password tells which.
    const accounts = await this.users.findByLoginEmail(email, request.institutionId);
    const matching = await accountsWithPassword(accounts, request.password);
    const active = matching.filter((account) => account.active);
    if (active.length > 1) {
      // The password is right: the attempt is not a failure.
      await permit.release();
      throw await this.chooseInstitution(active);
    }
    const user = active[0];
    if (!user) {
      const reason = accounts.length === 0 ? 'unknown email' : matching.length === 0 ? 'wrong password' : 'user inactive';
      const institutionIds = accounts.length === 0 ? [null] : [...new Set(accounts.map((account) => account.institutionId))];
      for (const institutionId of institutionIds) await this.audit.recordLoginFailure(email, institutionId, ip, reason);
      throw new DomainError('Unauthenticated', msg('auth.wrong_credentials'));
    }
    await permit.release();
    const token = await this.jwt.signAsync({ sub: user.id, inst: user.institutionId, email: user.email, role: user.role, staff: user.staffId });
    const caller = { id: user.id, institutionId: user.institutionId, email: user.email, role: user.role, staffId: user.staffId };
    await this.audit.record({ user: caller, ip }, 'login', 'user', user.id, {});
    return { token, expiresIn: this.config.jwtTtl, user: await this.describe(user) };
  }

  /** The same email and password open accounts in several institutions: the caller names one (only they can see this). */
  private async chooseInstitution(accounts: UserEntity[]): Promise<DomainError> {
    const choices = await Promise.all(accounts.map(async (account) => ({ id: account.institutionId, name: (await this.institutions.findById(account.institutionId))?.name ?? '' })));
    return new DomainError(
      'Conflict',
      msg('auth.choose_institution', { count: choices.length, names: choices.map((choice) => choice.name).join(', ') }),
      choices.map((choice) => ({ path: 'institutionId', message: msg('auth.choose_institution.detail', { id: choice.id, name: choice.name }), code: 'institution_required' })),
    );
  }

  /** Saves the caller's language (audited when it changes). */
  async updateLocale(ctx: RequestContext, locale: 'zh' | 'en'): Promise<MeResponse> {
    const saved = await this.transactions.run(async (tx) => {
      const user = await this.users.findById(ctx.user.institutionId, ctx.user.id, tx);
      if (!user) throw notFound('user', ctx.user.id);
      if (user.locale === locale) return user;
      const before = user.locale;
      user.locale = locale;
      const updated = await this.users.update(user, tx);
      await this.audit.record(ctx, 'update', 'user', user.id, { locale: { before, after: locale } }, tx);
      return updated;
    });
    return this.describe(saved);
  }

  async me(caller: AuthUser): Promise<MeResponse> {
    const user = await this.users.findById(caller.institutionId, caller.id);
    if (!user) throw notFound('user', caller.id);
    return this.describe(user);
  }

  private async describe(user: UserEntity): Promise<MeResponse> {
    const institution = await this.institutions.findById(user.institutionId);
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      institutionId: user.institutionId,
      institutionName: institution?.name ?? '',
      staffId: user.staffId,
      locale: user.locale,
    };
  }
}
