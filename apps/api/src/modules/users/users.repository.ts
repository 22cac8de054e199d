import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ListQuery, Page } from '../../common/http/list-query';
import { likePattern, pageOf } from '../../database/list-query-builder';
import { preparedQuery } from '../../database/prepared-query';
import type { Tx } from '../../database/transaction';
import type { AuthUser } from '../../common/auth/auth-user';
import { StaffEntity } from '../staff/staff.entity';
import { TeamEntity } from '../teams/team.entity';
import type { UserFilter } from './users.dto';
import { UserEntity } from './user.entity';

const SORT_COLUMNS = {
  id: 'u.id',
  email: 'u.email',
  name: 'u.name',
  role: 'u.role',
  active: 'u.active',
  locale: 'u.locale',
  createdAt: 'u.created_at',
  updatedAt: 'u.updated_at',
} as const;

@Injectable()
export class UsersRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private repo(tx?: Tx) {
    return (tx ?? this.dataSource.manager).getRepository(UserEntity);
  }

  /** Emails are unique within an institution (not across institutions). */
  findByEmail(institutionId: string, email: string, tx?: Tx): Promise<UserEntity | null> {
    return this.repo(tx).findOneBy({ institutionId, email: email.toLowerCase() });
  }

  /** The accounts that sign in with this email: one per institution that has it (or that one institution's). */
  findByLoginEmail(email: string, institutionId?: string): Promise<UserEntity[]> {
    return this.repo().find({ where: { email: email.toLowerCase(), ...(institutionId ? { institutionId } : {}) }, order: { createdAt: 'ASC' } });
  }

  findById(institutionId: string, id: string, tx?: Tx): Promise<UserEntity | null> {
    return this.repo(tx).findOneBy({ institutionId, id });
  }

  /**
   * The signed-in account as it is now, read by the auth guard on every request: a prepared statement over the
   * columns a request needs, without the ORM's per-call query building.
   */
  async findSignedIn(institutionId: string, id: string): Promise<(AuthUser & { active: boolean }) | null> {
    const rows = await preparedQuery<AuthUser & { active: boolean }>(
      this.dataSource,
      `SELECT id, institution_id AS "institutionId", email, role, staff_id AS "staffId", active FROM users WHERE institution_id = $1 AND id = $2`,
      [institutionId, id],
    );
    return rows[0] ?? null;
  }

  insert(user: Omit<UserEntity, 'id' | 'createdAt' | 'updatedAt'>, tx?: Tx): Promise<UserEntity> {
    return this.repo(tx).save(this.repo(tx).create(user));
  }

  /** Saves the changed fields and returns the row as stored (updatedAt refreshed). */
  async update(user: UserEntity, tx: Tx): Promise<UserEntity> {
    await this.repo(tx).save(user);
    return this.repo(tx).findOneByOrFail({ institutionId: user.institutionId, id: user.id });
  }

  list(institutionId: string, query: ListQuery<UserFilter>): Promise<Page<UserEntity>> {
    const qb = this.repo().createQueryBuilder('u').where('u.institution_id = :institutionId', { institutionId });
    const f = query.filter;
    if (f.id) qb.andWhere('u.id IN (:...ids)', { ids: f.id });
    if (f.role) qb.andWhere('u.role = :role', { role: f.role });
    if (f.active !== undefined) qb.andWhere('u.active = :active', { active: f.active });
    if (f.staffId) qb.andWhere('u.staff_id = :staffId', { staffId: f.staffId });
    if (f.q) qb.andWhere('(u.email ILIKE :q OR u.name ILIKE :q)', { q: likePattern(f.q) });
    return pageOf(qb, query, SORT_COLUMNS);
  }

  findStaff(institutionId: string, staffId: string, tx?: Tx): Promise<StaffEntity | null> {
    return (tx ?? this.dataSource.manager).getRepository(StaffEntity).findOneBy({ institutionId, id: staffId });
  }

  /** Another user of the institution already signing in as this staff member, if any. */
  findOtherUserOfStaff(institutionId: string, staffId: string, exceptUserId: string | null, tx?: Tx): Promise<UserEntity | null> {
    const qb = this.repo(tx).createQueryBuilder('u').where('u.institution_id = :institutionId AND u.staff_id = :staffId', { institutionId, staffId });
    if (exceptUserId) qb.andWhere('u.id <> :exceptUserId', { exceptUserId });
    return qb.orderBy('u.created_at', 'ASC').getOne();
  }

  /** Teams whose manager is this user. */
  teamsManagedBy(institutionId: string, userId: string, tx?: Tx): Promise<TeamEntity[]> {
    return (tx ?? this.dataSource.manager).getRepository(TeamEntity).find({ where: { institutionId, managerId: userId }, order: { name: 'ASC' } });
  }
}
