import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalizedText } from '@carescore/engine';

export type NotifyTarget = 'manager' | 'director' | 'quality_officer' | 'admin';
export type NotificationStatus = 'pending' | 'sent' | 'failed';

export interface NotificationRecipient {
  userId: string;
  email: string;
  name: string;
  role: string;
}

/** An escalation notice: one per stage visit and escalation step, delivered after its transaction commits. */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'institution_id' }) institutionId!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('uuid', { name: 'visit_id' }) visitId!: string;
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
