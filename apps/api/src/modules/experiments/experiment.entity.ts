import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Scorecard } from '@carescore/engine';

export const EXPERIMENT_STATUSES = ['draft', 'running', 'stopped', 'promoted'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];
export const EXPERIMENT_MODES = ['shadow', 'split'] as const;
export type ExperimentMode = (typeof EXPERIMENT_MODES)[number];
export const SPLIT_UNITS = ['staff', 'team'] as const;
export type SplitUnit = (typeof SPLIT_UNITS)[number];

/** A champion and a challenger scheme version tried on a population over periods. */
@Entity('experiments')
export class ExperimentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'institution_id' }) institutionId!: string;
  @Column('text') key!: string;
  @Column('jsonb') name!: { zh: string; en: string };
  @Column('text', { name: 'period_kind' }) periodKind!: 'month' | 'quarter';
  @Column('uuid', { name: 'champion_document_id' }) championDocumentId!: string;
  @Column('uuid', { name: 'champion_version_id' }) championVersionId!: string;
  @Column('int', { name: 'champion_version' }) championVersion!: number;
  @Column('uuid', { name: 'challenger_document_id' }) challengerDocumentId!: string;
  @Column('uuid', { name: 'challenger_version_id' }) challengerVersionId!: string;
  @Column('int', { name: 'challenger_version' }) challengerVersion!: number;
  /** null: the whole institution. */
  @Column('jsonb', { name: 'team_ids', nullable: true }) teamIds!: string[] | null;
  @Column('jsonb') periods!: string[];
  @Column('text') mode!: ExperimentMode;
  @Column('text', { nullable: true }) unit!: SplitUnit | null;
  @Column('double precision', { name: 'challenger_percent', nullable: true }) challengerPercent!: number | null;
  @Column('text') status!: ExperimentStatus;
  @Column('uuid', { name: 'promoted_binding_id', nullable: true }) promotedBindingId!: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** The challenger's scorecard of one staff member beside one run (shadow mode). Never official. */
@Entity('experiment_scorecards')
export class ExperimentScorecardEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'institution_id' }) institutionId!: string;
  @Column('uuid', { name: 'experiment_id' }) experimentId!: string;
  @Column('uuid', { name: 'run_id' }) runId!: string;
  @Column('text') period!: string;
  @Column('uuid', { name: 'staff_id' }) staffId!: string;
  @Column('uuid', { name: 'team_id', nullable: true }) teamId!: string | null;
  @Column('text') arm!: 'champion' | 'challenger';
  @Column('uuid', { name: 'document_version_id' }) documentVersionId!: string;
  @Column('text', { name: 'scheme_key' }) schemeKey!: string;
  @Column('int', { name: 'scheme_version' }) schemeVersion!: number;
  @Column('text', { nullable: true }) tier!: string | null;
  @Column('double precision', { nullable: true }) composite!: number | null;
  @Column('text', { nullable: true }) band!: string | null;
  @Column('text', { nullable: true }) zone!: 'red' | 'yellow' | 'blue' | null;
  @Column('boolean', { name: 'promotion_eligible', nullable: true }) promotionEligible!: boolean | null;
  @Column('jsonb') result!: Scorecard;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
