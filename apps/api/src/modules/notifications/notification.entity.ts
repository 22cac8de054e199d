import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalizedText } from '@carescore/engine';

export type NotifyTarget = 'manager' | 'director' | 'quality_officer' | 'admin';
export type NotificationStatus = 'pending' | 'sent' | 'failed';
/** A case's escalation step, or a scheduled evaluation run that failed (no case). */
export type NotificationKind = 'escalation' | 'scheduled_run_failed';

export interface NotificationRecipient {
  userId: string;
  email: string;
  name: string;
  role: string;
}

/**
 * A notice delivered after its transaction commits: an escalation (one per stage visit and
 * escalation step), or a scheduled run that failed (one per schedule firing, to the admins).
 */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'institution_id' }) institutionId!: string;
  @Column('text', { default: 'escalation' }) kind!: NotificationKind;
  /** The escalated case and its stage visit; null for other kinds. */
  @Column('uuid', { name: 'case_id', nullable: true }) caseId!: string | null;
  @Column('uuid', { name: 'visit_id', nullable: true }) visitId!: string | null;
  /** The binding whose schedule fired, and its run (scheduled_run_failed). */
  @Column('uuid', { name: 'binding_id', nullable: true }) bindingId!: string | null;
  @Column('uuid', { name: 'run_id', nullable: true }) runId!: string | null;
  /** Index of the escalation step in the workflow's `escalation` list. */
  @Column('int') step!: number;
  @Column('text') stage!: string;
  @Column('text') notify!: NotifyTarget;
  @Column('jsonb', { default: [] }) recipients!: NotificationRecipient[];
  @Column('jsonb') message!: LocalizedText & { title?: LocalizedText };
  /** The notifier that delivered it (webhook, log), once tried. */
  @Column('text', { nullable: true }) channel!: string | null;
  @Column('text') status!: NotificationStatus;
  @Column('int') attempts!: number;
  @Column('text', { nullable: true }) error!: string | null;
  /** When the escalation step was due. */
  @Column('timestamptz', { name: 'due_at' }) dueAt!: Date;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt!: Date | null;
}
