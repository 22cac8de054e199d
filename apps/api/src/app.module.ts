import { createSecretKey } from 'node:crypto';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard } from './common/auth/auth.guard';
import { EvaluationThreadsModule } from './common/evaluation-threads/evaluation-threads.module';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { RejectNulCharacters } from './common/http/nul-characters';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { DATABASE_TARGET, type DatabaseTarget, dataSourceOptions } from './database/data-source-options';
import { DatabaseModule } from './database/database.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { AwardsModule } from './modules/awards/awards.module';
import { BindingsModule } from './modules/bindings/bindings.module';
import { CasesModule } from './modules/cases/cases.module';
import { ChangeRequestGateModule, ChangeRequestsModule } from './modules/change-requests/change-requests.module';
import { DocumentsModule } from './modules/documents/documents.module';
import { EvaluationsModule } from './modules/evaluations/evaluations.module';
import { ExperimentsModule } from './modules/experiments/experiments.module';
import { FactsModule } from './modules/facts/facts.module';
import { FeedbackModule } from './modules/feedback/feedback.module';
import { HealthModule } from './modules/health/health.module';
import { InstitutionsModule } from './modules/institutions/institutions.module';
import { PeriodsModule } from './modules/periods/periods.module';
import { AppealsModule } from './modules/appeals/appeals.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { RemindersModule } from './modules/reminders/reminders.module';
import { ScheduledRunsModule } from './modules/scheduled-runs/scheduled-runs.module';
import { ScorecardsModule } from './modules/scorecards/scorecards.module';
import { StaffModule } from './modules/staff/staff.module';
import { SurveysModule } from './modules/surveys/surveys.module';
import { TeamsModule } from './modules/teams/teams.module';
import { UsersModule } from './modules/users/users.module';

/** The domain modules every process loads; the API adds controllers on top (see `AppModule.forRoot`). */
export const DOMAIN_MODULES = [InstitutionsModule, AuditModule, AuthModule, HealthModule, UsersModule, TeamsModule, StaffModule, BindingsModule, DocumentsModule, FactsModule, EvaluationsModule, ScorecardsModule, NotificationsModule, CasesModule, FeedbackModule, ExperimentsModule, PeriodsModule, AppealsModule, ScheduledRunsModule, RemindersModule, ChangeRequestGateModule, ChangeRequestsModule, SurveysModule, AwardsModule];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: DatabaseTarget): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(database)),
        JwtModule.register({ global: true, secret: jwtKey(config.jwtSecret), signOptions: { expiresIn: config.jwtTtl as `${number}h`, algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
        {
          module: ConfigHolder,
          global: true,
          providers: [
            { provide: APP_CONFIG, useValue: config },
            { provide: DATABASE_TARGET, useValue: database },
          ],
          exports: [APP_CONFIG, DATABASE_TARGET],
        },
        DatabaseModule,
        EvaluationThreadsModule,
        ...DOMAIN_MODULES,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        { provide: APP_INTERCEPTOR, useClass: RejectNulCharacters },
      ],
    };
  }
}

@Module({})
class ConfigHolder {}

/**
 * The HMAC key as a KeyObject: given a string, jsonwebtoken first tries to read it as a public
 * key on every verify, and that failed attempt cost about 3 ms per request (most of the CPU of
 * GET /api/scorecards/:id under load). @nestjs/jwt passes the key through untouched.
 */
function jwtKey(secret: string): Buffer {
  return createSecretKey(Buffer.from(secret, 'utf8')) as unknown as Buffer;
}
