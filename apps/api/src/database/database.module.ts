import { Global, Module } from '@nestjs/common';
import { ChangeNotices } from './change-notices';
import { DatabaseHealth } from './database-health';
import { TransactionRunner } from './transaction';

@Global()
@Module({ providers: [TransactionRunner, DatabaseHealth, ChangeNotices], exports: [TransactionRunner, DatabaseHealth, ChangeNotices] })
export class DatabaseModule {}
