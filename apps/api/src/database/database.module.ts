import { Global, Module } from '@nestjs/common';
import { ChangeNotices } from './change-notices';
import { TransactionRunner } from './transaction';

@Global()
@Module({ providers: [TransactionRunner, ChangeNotices], exports: [TransactionRunner, ChangeNotices] })
export class DatabaseModule {}
