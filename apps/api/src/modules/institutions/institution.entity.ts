import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('institutions')
export class InstitutionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text', { unique: true }) name!: string;
  /** IANA zone whose calendar the institution's periods follow. */
  @Column('text', { name: 'time_zone', default: 'Asia/Shanghai' }) timeZone!: string;
  /** Working days staff have to acknowledge or appeal a published period. */
  @Column('int', { name: 'appeal_days', default: 7 }) appealDays!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
