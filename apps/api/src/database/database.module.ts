import { Global, Module } from '@nestjs/common';
import { ChangeNotices } from './change-notices';
import { ListCounts } from './list-counts';
import { TransactionRunner } from './transaction';

@Global()
@Module({ providers: [TransactionRunner, ChangeNotices, ListCounts], exports: [TransactionRunner, ChangeNotices, ListCounts] })
export class DatabaseModule {}
