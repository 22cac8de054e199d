import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { ListQuery, Page } from '../../common/http/list-query';
import { likePattern, pageOf } from '../../database/list-query-builder';
import type { Tx } from '../../database/transaction';
import type { StaffFields, StaffFilter } from './staff.dto';
import { StaffEntity } from './staff.entity';

const SORT_COLUMNS = {
  id: 's.id',
  code: 's.code',
  name: 's.name',
  teamId: 's.team_id',
  tier: 's.tier',
  active: 's.active',
  createdAt: 's.created_at',
  updatedAt: 's.updated_at',
} as const;

const INSERT_CHUNK = 500;

/** What facts ingestion needs to know of a staff member named by code. */
export interface StaffRef {
  id: string;
  code: string;
  teamId: string | null;
  active: boolean;
}

/** Who is reading: a manager sees only staff of the teams they manage. */
export interface StaffScope {
  institutionId: string;
  managerId: string | null;
}

@Injectable()
export class StaffRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private repo(tx?: Tx) {
    return (tx ?? this.dataSource.manager).getRepository(StaffEntity);
  }

  private scoped(scope: StaffScope, tx?: Tx) {
    const qb = this.repo(tx).createQueryBuilder('s').where('s.institution_id = :institutionId', { institutionId: scope.institutionId });
    if (scope.managerId !== null) {
      qb.andWhere('s.team_id IN (SELECT mt.id FROM teams mt WHERE mt.institution_id = :institutionId AND mt.manager_id = :managerId)', { managerId: scope.managerId });
    }
    return qb;
  }

  findVisible(scope: StaffScope, id: string): Promise<StaffEntity | null> {
    return this.scoped(scope).andWhere('s.id = :id', { id }).getOne();
  }

  findById(institutionId: string, id: string, tx?: Tx): Promise<StaffEntity | null> {
    return this.repo(tx).findOneBy({ institutionId, id });
  }

  findByCode(institutionId: string, code: string, tx?: Tx): Promise<StaffEntity | null> {
    return this.repo(tx).findOneBy({ institutionId, code });
  }

  async findByCodes(institutionId: string, codes: readonly string[], tx: Tx): Promise<StaffEntity[]> {
    const found: StaffEntity[] = [];
    for (let i = 0; i < codes.length; i += INSERT_CHUNK) {
      found.push(...(await this.repo(tx).findBy({ institutionId, code: In(codes.slice(i, i + INSERT_CHUNK)) })));
    }
    return found;
  }

  /** Id, team and status of the staff with these codes, in one lean query (facts ingestion checks thousands at once). */
  async findRefsByCodes(institutionId: string, codes: readonly string[], tx?: Tx): Promise<StaffRef[]> {
    if (codes.length === 0) return [];
    return (await (tx ?? this.dataSource.manager).query(
      'SELECT s.id, s.code, s.team_id AS "teamId", s.active FROM unnest($2::text[]) AS c(code) JOIN staff s ON s.institution_id = $1 AND s.code = c.code',
      [institutionId, [...new Set(codes)]],
    )) as StaffRef[];
  }

  insert(staff: StaffFields & { institutionId: string }, tx: Tx): Promise<StaffEntity> {
    return this.repo(tx).save(this.repo(tx).create(staff));
  }

  async insertMany(institutionId: string, rows: readonly StaffFields[], tx: Tx): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await this.repo(tx).insert(rows.slice(i, i + INSERT_CHUNK).map((row) => ({ ...row, institutionId })));
    }
  }

  async update(staff: StaffEntity, tx: Tx): Promise<StaffEntity> {
    await this.repo(tx).save(staff);
    return this.repo(tx).findOneByOrFail({ institutionId: staff.institutionId, id: staff.id });
  }

  async updateFields(institutionId: string, id: string, fields: Partial<StaffFields>, tx: Tx): Promise<void> {
    await this.repo(tx).update({ institutionId, id }, fields);
  }

  list(scope: StaffScope, query: ListQuery<StaffFilter>): Promise<Page<StaffEntity>> {
    const qb = this.scoped(scope);
    const f = query.filter;
    if (f.id) qb.andWhere('s.id IN (:...ids)', { ids: f.id });
    if (f.teamId === null) qb.andWhere('s.team_id IS NULL');
    else if (f.teamId) qb.andWhere('s.team_id = :teamId', { teamId: f.teamId });
    if (f.tier) qb.andWhere('s.tier = :tier', { tier: f.tier });
    if (f.active !== undefined) qb.andWhere('s.active = :active', { active: f.active });
    if (f.code) qb.andWhere('s.code = :code', { code: f.code });
    if (f.q) qb.andWhere('(s.code ILIKE :q OR s.name ILIKE :q)', { q: likePattern(f.q) });
    return pageOf(qb, query, SORT_COLUMNS);
  }
}
