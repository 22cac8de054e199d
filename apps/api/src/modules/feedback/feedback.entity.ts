import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Likert answers of one response: dimension id → 1…5. */
export type LikertAnswers = Record<string, number>;

/** One survey response about a staff member; idempotent on (institution, responseId). */
@Entity('feedback')
export class FeedbackEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'institution_id' }) institutionId!: string;
  /** The survey system's id of the response: sending it again changes nothing. */
  @Column('text', { name: 'response_id' }) responseId!: string;
  @Column('uuid', { name: 'staff_id' }) staffId!: string;
  /** The staff member's team when the response was received. */
  @Column('uuid', { name: 'team_id', nullable: true }) teamId!: string | null;
  @Column('text', { name: 'customer_ref', nullable: true }) customerRef!: string | null;
  @Column('text', { nullable: true }) channel!: string | null;
  @Column('jsonb', { default: {} }) likert!: LikertAnswers;
  @Column('int', { nullable: true }) nps!: number | null;
  @Column('text', { nullable: true }) comment!: string | null;
  @Column('timestamptz', { name: 'responded_at' }) respondedAt!: Date;
  /** The month of respondedAt in the institution's time zone, e.g. 2026-03. */
  @Column('text') period!: string;
  @Column('uuid', { name: 'received_by', nullable: true }) receivedBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
