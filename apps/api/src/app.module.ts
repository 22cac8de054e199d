import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard } from './common/auth/auth.guard';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { type DatabaseTarget, dataSourceOptions } from './database/data-source-options';
import { DatabaseModule } from './database/database.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { BindingsModule } from './modules/bindings/bindings.module';
import { DocumentsModule } from './modules/documents/documents.module';
import { FactsModule } from './modules/facts/facts.module';
import { HealthModule } from './modules/health/health.module';
import { InstitutionsModule } from './modules/institutions/institutions.module';
import { StaffModule } from './modules/staff/staff.module';
import { TeamsModule } from './modules/teams/teams.module';
import { UsersModule } from './modules/users/users.module';

/** The domain modules every process loads; the API adds controllers on top (see `AppModule.forRoot`). */
export const DOMAIN_MODULES = [InstitutionsModule, AuditModule, AuthModule, HealthModule, UsersModule, TeamsModule, StaffModule, BindingsModule, DocumentsModule, FactsModule];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: DatabaseTarget): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(database)),
        JwtModule.register({ global: true, secret: config.jwtSecret, signOptions: { expiresIn: config.jwtTtl as `${number}h` } }),
        { module: ConfigHolder, global: true, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] },
        DatabaseModule,
        ...DOMAIN_MODULES,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}

@Module({})
class ConfigHolder {}
