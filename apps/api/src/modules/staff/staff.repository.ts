import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { namedBind, type ReaderScope, readerScopeSql } from '../../common/access/reader-scope';
import type { ListQuery, Page } from '../../common/http/list-query';
import { ListCounts } from '../../database/list-counts';
import { likePattern, pageOfCounted } from '../../database/list-query-builder';
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


@Injectable()
export class StaffRepository {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ListCounts) private readonly counts: ListCounts,
  ) {}

  private repo(tx?: Tx) {
    return (tx ?? this.dataSource.manager).getRepository(StaffEntity);
  }

  /** Staff the reader may see (the reader scope rule). */
  private scoped(scope: ReaderScope, tx?: Tx) {
    const qb = this.repo(tx).createQueryBuilder('s');
    return qb.where(readerScopeSql(scope, { institutionId: 's.institution_id', staffId: 's.id' }, namedBind(qb)));
  }

  findVisible(scope: ReaderScope, id: string): Promise<StaffEntity | null> {
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

  list(scope: ReaderScope, query: ListQuery<StaffFilter>): Promise<Page<StaffEntity>> {
    const qb = this.scoped(scope);
    const f = query.filter;
    if (f.id) qb.andWhere('s.id IN (:...ids)', { ids: f.id });
    if (f.teamId === null) qb.andWhere('s.team_id IS NULL');
    else if (f.teamId) qb.andWhere('s.team_id = :teamId', { teamId: f.teamId });
    if (f.tier) qb.andWhere('s.tier = :tier', { tier: f.tier });
    if (f.active !== undefined) qb.andWhere('s.active = :active', { active: f.active });
    if (f.code) qb.andWhere('s.code = :code', { code: f.code });
    if (f.q) qb.andWhere('(s.code ILIKE :q OR s.name ILIKE :q)', { q: likePattern(f.q) });
    return pageOfCounted(qb, query, SORT_COLUMNS, this.counts);
  }
}
