import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const CASE_SOURCES = ['feedback', 'zone', 'appeal'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_EVENT_TYPES = ['opened', 'advanced', 'closed', 'reopened', 'assigned', 'commented', 'breached', 'escalated'] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];
export type VisitOutcome = 'advanced' | 'reopened' | 'closed';

/** One closed-loop case: a bad review or a zone action worked through a pinned workflow version. */
@Entity('cases')
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'institution_id' }) institutionId!: string;
  @Column('text') source!: CaseSource;
  @Column('uuid', { name: 'workflow_document_id' }) workflowDocumentId!: string;
  /** The published workflow version the case started on; it keeps following it. */
  @Column('uuid', { name: 'workflow_version_id' }) workflowVersionId!: string;
  @Column('text', { name: 'workflow_key' }) workflowKey!: string;
  @Column('int', { name: 'workflow_version' }) workflowVersion!: number;
  @Column('uuid', { name: 'staff_id' }) staffId!: string;
  /** The staff member's team when the case was opened: its manager acts on and is notified about it. */
  @Column('uuid', { name: 'team_id', nullable: true }) teamId!: string | null;
  @Column('text') period!: string;
  @Column('uuid', { name: 'feedback_id', nullable: true }) feedbackId!: string | null;
  @Column('uuid', { name: 'run_id', nullable: true }) runId!: string | null;
  @Column('text', { name: 'zone_id', nullable: true }) zoneId!: string | null;
  @Column('text', { nullable: true }) zone!: 'red' | 'yellow' | 'blue' | null;
  @Column('text', { nullable: true }) action!: string | null;
  @Column('text') status!: CaseStatus;
  /** The current stage id; null once closed. */
  @Column('text', { nullable: true }) stage!: string | null;
  @Column('int', { name: 'stage_index', nullable: true }) stageIndex!: number | null;
  @Column('uuid', { name: 'assignee_id', nullable: true }) assigneeId!: string | null;
  /** Optimistic-concurrency token, bumped by every action that moves the case. */
  @Column('int') version!: number;
  @Column('timestamptz', { name: 'opened_at' }) openedAt!: Date;
  @Column('timestamptz', { name: 'stage_started_at', nullable: true }) stageStartedAt!: Date | null;
  /** When the current stage is due (its slaHours after it started). */
  @Column('timestamptz', { name: 'due_at', nullable: true }) dueAt!: Date | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  /** Whether any stage visit went past its due time. */
  @Column('boolean') breached!: boolean;
  @Column('int', { name: 'breach_count' }) breachCount!: number;
  @Column('double precision', { name: 'hours_to_close', nullable: true }) hoursToClose!: number | null;
  @Column('boolean', { name: 'closed_in_sla', nullable: true }) closedInSla!: boolean | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** One stay of a case in a stage: when it started, was due and ended, and whether it breached. */
@Entity('case_stage_visits')
export class CaseStageVisitEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'institution_id' }) institutionId!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('int') seq!: number;
  @Column('text') stage!: string;
  @Column('int', { name: 'stage_index' }) stageIndex!: number;
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
  @Column('timestamptz', { name: 'due_at' }) dueAt!: Date;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
  /** Time spent in the stage, once it ended. */
  @Column('double precision', { nullable: true }) hours!: number | null;
  @Column('text', { nullable: true }) outcome!: VisitOutcome | null;
  @Column('boolean') breached!: boolean;
  @Column('timestamptz', { name: 'breached_at', nullable: true }) breachedAt!: Date | null;
  /** Escalation steps already fired for this visit. */
  @Column('int') escalations!: number;
  @Column('timestamptz', { name: 'next_check_at', nullable: true }) nextCheckAt!: Date | null;
}

/** One step in a case's history. Append-only (a database trigger refuses UPDATE and DELETE). */
@Entity('case_events')
export class CaseEventEntity {
  @PrimaryColumn('bigint', { generated: 'identity' }) id!: string;
  @Column('uuid', { name: 'institution_id' }) institutionId!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text') type!: CaseEventType;
  /** null for the system (opened from feedback or a zone, breaches, escalations). */
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('text', { name: 'actor_email', nullable: true }) actorEmail!: string | null;
  @Column('text', { name: 'actor_role', nullable: true }) actorRole!: string | null;
  @Column('text', { nullable: true }) stage!: string | null;
  @Column('text', { name: 'to_stage', nullable: true }) toStage!: string | null;
  @Column('jsonb', { nullable: true }) fields!: Record<string, unknown> | null;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('jsonb', { default: {} }) data!: Record<string, unknown>;
  /** When it happened (the application clock). */
  @Column('timestamptz') at!: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
