import { Inject, Injectable } from '@nestjs/common';
import { changedFields, hasChanges } from '../../common/audit/changes';
import type { RequestContext } from '../../common/auth/auth-user';
import { conflict, notFound, unprocessable } from '../../common/errors/domain-error';
import type { ListQuery, Page } from '../../common/http/list-query';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import type { UserEntity } from './user.entity';
import { auditedUser, type CreateUserRequest, type UpdateUserRequest, type UserFilter } from './users.dto';
import { SignedInAccounts } from './signed-in-accounts';
import { UsersRepository } from './users.repository';
import { msg } from '../../common/i18n/messages';

/** Users of one institution; admins manage them. Deleting a user deactivates it (audit entries name it). */
@Injectable()
export class UsersService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(SignedInAccounts) private readonly accounts: SignedInAccounts,
  ) {}

  list(institutionId: string, query: ListQuery<UserFilter>): Promise<Page<UserEntity>> {
    return this.users.list(institutionId, query);
  }

  async get(institutionId: string, id: string): Promise<UserEntity> {
    const user = await this.users.findById(institutionId, id);
    if (!user) throw notFound('user', id);
    return user;
  }

  async create(ctx: RequestContext, request: CreateUserRequest): Promise<UserEntity> {
    // Hash before the transaction opens: bcrypt is slow on purpose and should not hold a connection.
    const passwordHash = await hashPassword(request.password);
    const institutionId = ctx.user.institutionId;
    return this.transactions.run(async (tx) => {
      // Only this institution's users count: whether another institution has the email is none of the caller's business.
      if (await this.users.findByEmail(institutionId, request.email, tx)) {
        throw conflict(msg('users.email_taken', { email: request.email }), [{ path: 'email', message: msg('taken.in_institution') }]);
      }
      const staffId = request.staffId ?? null;
      await this.checkStaffLink(institutionId, request.role, staffId, null, tx);
      const user = await this.users.insert(
        { institutionId, email: request.email, name: request.name, passwordHash, role: request.role, staffId, locale: request.locale ?? 'zh', active: true },
        tx,
      );
      await this.audit.record(ctx, 'create', 'user', user.id, { after: auditedUser(user) }, tx);
      return user;
    });
  }

  async update(ctx: RequestContext, id: string, request: UpdateUserRequest): Promise<UserEntity> {
    const passwordHash = request.password === undefined ? undefined : await hashPassword(request.password);
    const institutionId = ctx.user.institutionId;
    const saved = await this.transactions.run(async (tx) => {
      const user = await this.users.findById(institutionId, id, tx);
      if (!user) throw notFound('user', id);
      const before = auditedUser(user);
      const role = request.role ?? user.role;
      const staffId = request.staffId === undefined ? user.staffId : request.staffId;
      const active = request.active ?? user.active;

      if (user.id === ctx.user.id) {
        if (role !== 'admin') throw conflict(msg('users.self_demote'), [{ path: 'role', message: msg('users.self_demote.detail') }]);
        if (!active) throw conflict(msg('users.self_deactivate'), [{ path: 'active', message: msg('users.self_deactivate.detail') }]);
      }
      if (user.role === 'manager' && role !== 'manager') await this.checkManagesNoTeams(institutionId, user, tx);
      if (role !== user.role || staffId !== user.staffId) await this.checkStaffLink(institutionId, role, staffId, user.id, tx);

      user.name = request.name ?? user.name;
      user.role = role;
      user.staffId = staffId;
      user.locale = request.locale ?? user.locale;
      user.active = active;
      if (passwordHash !== undefined) user.passwordHash = passwordHash;

      const diff = changedFields(before, auditedUser(user));
      if (!hasChanges(diff) && passwordHash === undefined) return user;
      // The audit entry says that the password changed, never what it is.
      const changes = passwordHash === undefined ? diff : { ...diff, passwordChanged: true };
      const saved = await this.users.update(user, tx);
      await this.audit.record(ctx, 'update', 'user', user.id, changes, tx);
      return saved;
    });
    this.accounts.forget(id);
    return saved;
  }

  /** DELETE deactivates: the row stays because audit entries and documents refer to it. */
  async deactivate(ctx: RequestContext, id: string): Promise<UserEntity> {
    const institutionId = ctx.user.institutionId;
    const saved = await this.transactions.run(async (tx) => {
      const user = await this.users.findById(institutionId, id, tx);
      if (!user) throw notFound('user', id);
      if (user.id === ctx.user.id) throw conflict(msg('users.self_deactivate'));
      if (!user.active) return user;
      user.active = false;
      const saved = await this.users.update(user, tx);
      await this.audit.record(ctx, 'delete', 'user', user.id, { before: { active: true }, after: { active: false } }, tx);
      return saved;
    });
    this.accounts.forget(id);
    return saved;
  }

  /** A staff login must name a staff member of the institution that no other user signs in as. */
  private async checkStaffLink(institutionId: string, role: UserEntity['role'], staffId: string | null, userId: string | null, tx: Tx): Promise<void> {
    if (staffId === null) {
      if (role === 'staff') throw unprocessable(msg('users.staff_link_required'), [{ path: 'staffId', message: msg('users.staff_link_required.detail') }]);
      return;
    }
    const staff = await this.users.findStaff(institutionId, staffId, tx);
    if (!staff) throw unprocessable(msg('staff.not_found', { id: staffId }), [{ path: 'staffId', message: msg('staff.not_in_institution') }]);
    const other = await this.users.findOtherUserOfStaff(institutionId, staffId, userId, tx);
    if (other) throw conflict(msg('users.staff_linked', { code: staff.code, email: other.email }), [{ path: 'staffId', message: msg('users.staff_linked.detail', { email: other.email }) }]);
  }

  private async checkManagesNoTeams(institutionId: string, user: UserEntity, tx: Tx): Promise<void> {
    const teams = await this.users.teamsManagedBy(institutionId, user.id, tx);
    if (teams.length === 0) return;
    throw conflict(msg('users.manages_teams', { email: user.email, teams: teams.map((team) => team.name).join(', ') }), [
      { path: 'role', message: msg('users.manages_teams.detail', { count: teams.length }) },
    ]);
  }
}
