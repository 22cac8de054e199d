import { Global, Module } from '@nestjs/common';
import { DatabaseHealth } from './database-health';
import { TransactionRunner } from './transaction';

@Global()
@Module({ providers: [TransactionRunner, DatabaseHealth], exports: [TransactionRunner, DatabaseHealth] })
export class DatabaseModule {}
