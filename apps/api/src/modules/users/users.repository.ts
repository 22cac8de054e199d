import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../../database/transaction';
import { UserEntity } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private repo(tx?: Tx) {
    return (tx ?? this.dataSource.manager).getRepository(UserEntity);
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.repo().findOneBy({ email: email.toLowerCase() });
  }

  findById(institutionId: string, id: string, tx?: Tx): Promise<UserEntity | null> {
    return this.repo(tx).findOneBy({ institutionId, id });
  }

  insert(user: Omit<UserEntity, 'id' | 'createdAt' | 'updatedAt'>, tx?: Tx): Promise<UserEntity> {
    return this.repo(tx).save(this.repo(tx).create(user));
  }
}
