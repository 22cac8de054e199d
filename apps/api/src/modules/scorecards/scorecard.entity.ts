import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Scorecard } from '@carescore/engine';

/**
 * One staff member's scorecard from one run. The engine's full result is kept in `result`; the
 * columns beside it are copies for filtering and sorting. Only `current` ever changes.
 */
@Entity('scorecards')
export class ScorecardEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'institution_id' }) institutionId!: string;
  @Column('uuid', { name: 'run_id' }) runId!: string;
  @Column('uuid', { name: 'staff_id' }) staffId!: string;
  @Column('uuid', { name: 'team_id', nullable: true }) teamId!: string | null;
  @Column('text') period!: string;
  @Column('uuid', { name: 'document_version_id' }) documentVersionId!: string;
  @Column('text', { name: 'scheme_key' }) schemeKey!: string;
  @Column('int', { name: 'scheme_version' }) schemeVersion!: number;
  @Column('text', { nullable: true }) tier!: string | null;
  @Column('double precision', { nullable: true }) composite!: number | null;
  @Column('text', { nullable: true }) band!: string | null;
  @Column('text', { nullable: true }) zone!: 'red' | 'yellow' | 'blue' | null;
  @Column('boolean', { name: 'promotion_eligible', nullable: true }) promotionEligible!: boolean | null;
  @Column('int', { name: 'error_count' }) errorCount!: number;
  @Column('boolean') current!: boolean;
  @Column('jsonb') result!: Scorecard;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
