import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only: the database rejects UPDATE, DELETE and TRUNCATE on this table. Each entry is chained (migration
 * AuditChain): its trigger sets `seq`, `prevHash` and `hash`, so they are never written from here.
 */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'institution_id', nullable: true }) institutionId!: string | null;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('text', { name: 'actor_email', nullable: true }) actorEmail!: string | null;
  @Column('text') action!: string;
  @Column('text', { name: 'entity_type' }) entityType!: string;
  @Column('text', { name: 'entity_id', nullable: true }) entityId!: string | null;
  @Column('jsonb', { default: {} }) changes!: Record<string, unknown>;
  @Column('text', { nullable: true }) ip!: string | null;
  @Column({ type: 'bigint', insert: false, update: false }) seq!: string;
  @Column({ type: 'text', name: 'prev_hash', nullable: true, insert: false, update: false }) prevHash!: string | null;
  @Column({ type: 'text', insert: false, update: false }) hash!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
