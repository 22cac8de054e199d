import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../../database/transaction';
import { InstitutionEntity } from './institution.entity';

@Injectable()
export class InstitutionsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private repo(tx?: Tx) {
    return (tx ?? this.dataSource.manager).getRepository(InstitutionEntity);
  }

  findById(id: string): Promise<InstitutionEntity | null> {
    return this.repo().findOneBy({ id });
  }

  findByName(name: string, tx?: Tx): Promise<InstitutionEntity | null> {
    return this.repo(tx).findOneBy({ name });
  }

  insert(name: string, tx?: Tx): Promise<InstitutionEntity> {
    return this.repo(tx).save(this.repo(tx).create({ name }));
  }
}
