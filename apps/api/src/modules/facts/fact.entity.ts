import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One input value: a number, or a list of numbers for `number[]` inputs (Likert answers, response minutes). */
export type FactValue = number | number[];
export type FactInputs = Record<string, FactValue>;

/** The facts of one staff member for one period: the inputs the bound scheme reads. */
@Entity('facts')
export class FactEntity {
  @PrimaryColumn('uuid', { name: 'institution_id' }) institutionId!: string;
  @PrimaryColumn('uuid', { name: 'staff_id' }) staffId!: string;
  @PrimaryColumn('text') period!: string;
  @Column('jsonb', { default: {} }) inputs!: FactInputs;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
