import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LocalizedText } from '@carescore/engine';

export type DocumentKind = 'scheme' | 'workflow' | 'survey';
export type VersionStatus = 'draft' | 'published' | 'retired';

@Entity('documents')
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'institution_id' }) institutionId!: string;
  @Column('text') kind!: DocumentKind;
  @Column('text') key!: string;
  @Column('jsonb', { default: {} }) name!: LocalizedText | Record<string, never>;
  /** Bumped by every change to the document or its versions: the optimistic-concurrency token. */
  @Column('int', { default: 1 }) revision!: number;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('document_versions')
export class DocumentVersionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'institution_id' }) institutionId!: string;
  @Column('uuid', { name: 'document_id' }) documentId!: string;
  @Column('int') version!: number;
  @Column('text') status!: VersionStatus;
  @Column('jsonb') content!: Record<string, unknown>;
  /** sha256 of the canonical JSON content, set when published. */
  @Column('text', { name: 'content_hash', nullable: true }) contentHash!: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('uuid', { name: 'published_by', nullable: true }) publishedBy!: string | null;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt!: Date | null;
  @Column('timestamptz', { name: 'retired_at', nullable: true }) retiredAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
