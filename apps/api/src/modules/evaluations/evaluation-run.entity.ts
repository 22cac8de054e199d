import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { TeamMeans, ValidationIssue } from '@carescore/engine';

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The scheme version that scores one team (teamId null: staff without a team) in a run. */
export interface RunPin {
  teamId: string | null;
  teamName: string | null;
  documentId: string;
  documentVersionId: string;
  key: string;
  version: number;
  staff: number;
}

/** Staff a run scored by an experiment's choice rather than their team's pin alone (see RunPinOverrides). */
export interface RunPinOverrideSummary {
  experimentId: string;
  arm: 'champion' | 'challenger';
  documentVersionId: string;
  key: string;
  version: number;
  staff: number;
}

export interface RunTimings {
  queuedMs?: number;
  planMs?: number;
  evaluateMs?: number;
  writeMs?: number;
  totalMs?: number;
}

export interface RunSummary {
  scorecards?: number;
  withErrors?: number;
  withoutFacts?: number;
  bands?: Record<string, number>;
  zones?: Record<string, number>;
}

/** One evaluation of a period (optionally one team): queued, planned into chunks, evaluated by workers. */
@Entity('evaluation_runs')
export class EvaluationRunEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'institution_id' }) institutionId!: string;
  @Column('text') period!: string;
  @Column('uuid', { name: 'team_id', nullable: true }) teamId!: string | null;
  @Column('text') status!: RunStatus;
  @Column('int') total!: number;
  @Column('int') done!: number;
  @Column('int', { name: 'chunk_count' }) chunkCount!: number;
  @Column('int', { name: 'chunks_done' }) chunksDone!: number;
  @Column('jsonb') pins!: RunPin[];
  /** Per experiment, arm and version: the staff scored by that choice; their team's pin stays in `pins`. */
  @Column('jsonb') overrides!: RunPinOverrideSummary[];
  /** Per pinned document version id: the team means its conditions read, over the whole run. */
  @Column('jsonb', { name: 'team_means' }) teamMeans!: Record<string, TeamMeans>;
  @Column('text', { name: 'inputs_digest', nullable: true }) inputsDigest!: string | null;
  @Column('jsonb') errors!: ValidationIssue[];
  @Column('jsonb') summary!: RunSummary;
  @Column('jsonb') timings!: RunTimings;
  @Column('int') attempts!: number;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('text', { nullable: true }) reason!: string | null;
  /** A correction run: only these staff, with the pins and team means of `basisRunId`. */
  @Column('uuid', { name: 'staff_ids', array: true, nullable: true }) staffIds!: string[] | null;
  @Column('uuid', { name: 'basis_run_id', nullable: true }) basisRunId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
