import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_TIME_ZONE } from '@carescore/engine';
import type { Tx } from '../../database/transaction';
import { InstitutionEntity } from './institution.entity';

@Injectable()
export class InstitutionsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private repo(tx?: Tx) {
    return (tx ?? this.dataSource.manager).getRepository(InstitutionEntity);
  }

  findById(id: string, tx?: Tx): Promise<InstitutionEntity | null> {
    return this.repo(tx).findOneBy({ id });
  }

  async updateSettings(id: string, settings: { timeZone: string; appealDays: number; approvals: boolean }, tx: Tx): Promise<void> {
    await this.repo(tx).update({ id }, settings);
  }

  /** The IANA zone whose calendar the institution's periods follow. */
  async timeZone(id: string, tx?: Tx): Promise<string> {
    const rows: Array<{ time_zone: string }> = await (tx ?? this.dataSource.manager).query('SELECT time_zone FROM institutions WHERE id = $1', [id]);
    return rows[0]?.time_zone ?? DEFAULT_TIME_ZONE;
  }

  /** Whether the institution's rule changes need a second person's approval. */
  async approvals(id: string, tx?: Tx): Promise<boolean> {
    const rows: Array<{ approvals: boolean }> = await (tx ?? this.dataSource.manager).query('SELECT approvals FROM institutions WHERE id = $1', [id]);
    return rows[0]?.approvals ?? false;
  }

  async setApprovals(id: string, approvals: boolean, tx?: Tx): Promise<void> {
    await this.repo(tx).update({ id }, { approvals });
  }

  findByName(name: string, tx?: Tx): Promise<InstitutionEntity | null> {
    return this.repo(tx).findOneBy({ name });
  }

  insert(name: string, tx?: Tx): Promise<InstitutionEntity> {
    return this.repo(tx).save(this.repo(tx).create({ name }));
  }
}
