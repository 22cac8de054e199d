import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('institutions')
export class InstitutionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text', { unique: true }) name!: string;
  /** IANA zone whose calendar the institution's periods follow. */
  @Column('text', { name: 'time_zone', default: 'Asia/Shanghai' }) timeZone!: string;
  /** Working days staff have to acknowledge or appeal a published period. */
  @Column('int', { name: 'appeal_days', default: 7 }) appealDays!: number;
  /** Rule changes (publish, bindings of periods with runs, promote, close, reopen) need a second person's approval. */
  @Column('boolean', { default: false }) approvals!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
