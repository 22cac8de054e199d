import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { SignedInAccounts } from './signed-in-accounts';
import { UsersService } from './users.service';

@Module({ controllers: [UsersController], providers: [UsersRepository, UsersService, SignedInAccounts], exports: [UsersRepository, SignedInAccounts] })
export class UsersModule {}
