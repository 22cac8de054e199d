import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { ListQuery, Page } from '../../common/http/list-query';
import { likePattern, pageOf } from '../../database/list-query-builder';
import type { Tx } from '../../database/transaction';
import { BindingEntity } from '../bindings/binding.entity';
import { StaffEntity } from '../staff/staff.entity';
import { UserEntity } from '../users/user.entity';
import type { TeamFilter } from './teams.dto';
import { TeamEntity } from './team.entity';

const SORT_COLUMNS = {
  id: 't.id',
  name: 't.name',
  nameEn: 't.name_en',
  managerId: 't.manager_id',
  createdAt: 't.created_at',
  updatedAt: 't.updated_at',
} as const;

@Injectable()
export class TeamsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private manager(tx?: Tx) {
    return tx ?? this.dataSource.manager;
  }

  private repo(tx?: Tx) {
    return this.manager(tx).getRepository(TeamEntity);
  }

  findById(institutionId: string, id: string, tx?: Tx): Promise<TeamEntity | null> {
    return this.repo(tx).findOneBy({ institutionId, id });
  }

  findByName(institutionId: string, name: string, tx?: Tx): Promise<TeamEntity | null> {
    return this.repo(tx).findOneBy({ institutionId, name });
  }

  /** All the institution's teams; an import resolves team names against them. */
  findAll(institutionId: string, tx?: Tx): Promise<TeamEntity[]> {
    return this.repo(tx).find({ where: { institutionId }, order: { name: 'ASC' } });
  }

  insert(team: Pick<TeamEntity, 'institutionId' | 'name' | 'nameEn' | 'managerId'>, tx: Tx): Promise<TeamEntity> {
    return this.repo(tx).save(this.repo(tx).create(team));
  }

  async update(team: TeamEntity, tx: Tx): Promise<TeamEntity> {
    await this.repo(tx).save(team);
    return this.repo(tx).findOneByOrFail({ institutionId: team.institutionId, id: team.id });
  }

  async delete(team: TeamEntity, tx: Tx): Promise<void> {
    await this.repo(tx).delete({ institutionId: team.institutionId, id: team.id });
  }

  list(institutionId: string, query: ListQuery<TeamFilter>): Promise<Page<TeamEntity>> {
    const qb = this.repo().createQueryBuilder('t').where('t.institution_id = :institutionId', { institutionId });
    const f = query.filter;
    if (f.id) qb.andWhere('t.id IN (:...ids)', { ids: f.id });
    if (f.managerId === null) qb.andWhere('t.manager_id IS NULL');
    else if (f.managerId) qb.andWhere('t.manager_id = :managerId', { managerId: f.managerId });
    if (f.q) qb.andWhere('(t.name ILIKE :q OR t.name_en ILIKE :q)', { q: likePattern(f.q) });
    return pageOf(qb, query, SORT_COLUMNS);
  }

  /** Staff per team (active or not), for the given teams; teams without staff are absent. */
  async staffCounts(institutionId: string, teamIds: readonly string[], tx?: Tx): Promise<Map<string, number>> {
    if (teamIds.length === 0) return new Map();
    const rows = await this.manager(tx)
      .getRepository(StaffEntity)
      .createQueryBuilder('s')
      .select('s.team_id', 'teamId')
      .addSelect('COUNT(*)::int', 'count')
      .where('s.institution_id = :institutionId AND s.team_id IN (:...teamIds)', { institutionId, teamIds: [...teamIds] })
      .groupBy('s.team_id')
      .getRawMany<{ teamId: string; count: number }>();
    return new Map(rows.map((row) => [row.teamId, Number(row.count)]));
  }

  countBindings(institutionId: string, teamId: string, tx?: Tx): Promise<number> {
    return this.manager(tx).getRepository(BindingEntity).countBy({ institutionId, teamId });
  }

  findUser(institutionId: string, userId: string, tx?: Tx): Promise<UserEntity | null> {
    return this.manager(tx).getRepository(UserEntity).findOneBy({ institutionId, id: userId });
  }

  findByIds(institutionId: string, ids: readonly string[], tx?: Tx): Promise<TeamEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo(tx).findBy({ institutionId, id: In([...ids]) });
  }
}
