import type { DataSourceOptions } from 'typeorm';
import { Initial1764000000000 } from '../../../../migrations/1764000000000-Initial';
import { Facts1764100000000 } from '../../../../migrations/1764100000000-Facts';
import { Evaluations1764200000000 } from '../../../../migrations/1764200000000-Evaluations';
import { Cases1764300000000 } from '../../../../migrations/1764300000000-Cases';
import { Experiments1764400000000 } from '../../../../migrations/1764400000000-Experiments';
import { SplitExperiments1764450000000 } from '../../../../migrations/1764450000000-SplitExperiments';
import { ShadowJobs1764500000000 } from '../../../../migrations/1764500000000-ShadowJobs';
import { AccountChangeNotices1764600000000 } from '../../../../migrations/1764600000000-AccountChangeNotices';
import { ScorecardsInline1764700000000 } from '../../../../migrations/1764700000000-ScorecardsInline';
import { ScorecardViewNotices1764800000000 } from '../../../../migrations/1764800000000-ScorecardViewNotices';
import { IdempotencyKeys1765000000000 } from '../../../../migrations/1765000000000-IdempotencyKeys';
import { UserEmailPerInstitution1765070000000 } from '../../../../migrations/1765070000000-UserEmailPerInstitution';
import { ListIndexes1765130000000 } from '../../../../migrations/1765130000000-ListIndexes';
import { AuditChain1765140000000 } from '../../../../migrations/1765140000000-AuditChain';
import { PeriodCycle1765150000000 } from '../../../../migrations/1765150000000-PeriodCycle';
import { ScheduledRuns1765210000000 } from '../../../../migrations/1765210000000-ScheduledRuns';
import { NotificationInbox1765220000000 } from '../../../../migrations/1765220000000-NotificationInbox';
import { SurveyInvitations1765240000000 } from '../../../../migrations/1765240000000-SurveyInvitations';
import { RunFailedInboxKind1765270000000 } from '../../../../migrations/1765270000000-RunFailedInboxKind';
import { NotificationChannels1765250000000 } from '../../../../migrations/1765250000000-NotificationChannels';
import { ChangeRequests1765230000000 } from '../../../../migrations/1765230000000-ChangeRequests';
import { ChangeRequestInboxKinds1765250000001 } from '../../../../migrations/1765250000001-ChangeRequestInboxKinds';
import { AuditEntryEntity } from '../modules/audit/audit-entry.entity';
import { BindingEntity } from '../modules/bindings/binding.entity';
import { CaseEntity, CaseEventEntity, CaseStageVisitEntity } from '../modules/cases/case.entity';
import { DocumentEntity, DocumentVersionEntity } from '../modules/documents/document.entity';
import { EvaluationRunEntity } from '../modules/evaluations/evaluation-run.entity';
import { ExperimentEntity, ExperimentScorecardEntity } from '../modules/experiments/experiment.entity';
import { FactEntity } from '../modules/facts/fact.entity';
import { FeedbackEntity } from '../modules/feedback/feedback.entity';
import { InstitutionEntity } from '../modules/institutions/institution.entity';
import { NotificationEntity } from '../modules/notifications/notification.entity';
import { ScorecardEntity } from '../modules/scorecards/scorecard.entity';
import { StaffEntity } from '../modules/staff/staff.entity';
import { TeamEntity } from '../modules/teams/team.entity';
import { UserEntity } from '../modules/users/user.entity';

export const ENTITIES = [InstitutionEntity, UserEntity, TeamEntity, StaffEntity, DocumentEntity, DocumentVersionEntity, BindingEntity, FactEntity, EvaluationRunEntity, ScorecardEntity, AuditEntryEntity,
  FeedbackEntity, CaseEntity, CaseStageVisitEntity, CaseEventEntity, NotificationEntity, ExperimentEntity, ExperimentScorecardEntity];
export const MIGRATIONS = [Initial1764000000000, Facts1764100000000, Evaluations1764200000000, Cases1764300000000, Experiments1764400000000, SplitExperiments1764450000000, ShadowJobs1764500000000, AccountChangeNotices1764600000000, ScorecardsInline1764700000000, ScorecardViewNotices1764800000000, IdempotencyKeys1765000000000, UserEmailPerInstitution1765070000000, ListIndexes1765130000000, AuditChain1765140000000, PeriodCycle1765150000000, ScheduledRuns1765210000000, NotificationInbox1765220000000, ChangeRequests1765230000000, SurveyInvitations1765240000000, NotificationChannels1765250000000, ChangeRequestInboxKinds1765250000001, RunFailedInboxKind1765270000000];

/** The DatabaseTarget the app was built with, for what needs a connection of its own (LISTEN). */
export const DATABASE_TARGET = Symbol('DATABASE_TARGET');

export interface DatabaseTarget {
  url: string;
  /** PGlite behind a socket: one connection, so transactions queue instead of interleaving. */
  embedded: boolean;
  schema?: string;
  /** How long the pool keeps an idle connection (pg's default, 10 s, unless set: tests shorten it to idle past it). */
  poolIdleMs?: number;
}

export function dataSourceOptions(target: DatabaseTarget): DataSourceOptions {
  return {
    type: 'postgres',
    url: target.url,
    schema: target.schema,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: target.embedded ? 1 : 10,
      ...(target.poolIdleMs !== undefined ? { idleTimeoutMillis: target.poolIdleMs } : {}),
      ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
      ...(target.embedded ? { onConnect: startFreshSession } : {}),
    },
  };
}

/**
 * PGlite has a single session that outlives every connection to it: a connection the pool opens after dropping an
 * idle one lands in the session the previous one used, with its prepared statements, while the new `pg` client
 * believes nothing is prepared (and `prepared statement "carescore_1" already exists` followed on every request).
 * Each new connection therefore starts by resetting the session to what a fresh PostgreSQL connection has.
 */
async function startFreshSession(client: { query(text: string): Promise<unknown> }): Promise<void> {
  await client.query('DISCARD ALL');
}
