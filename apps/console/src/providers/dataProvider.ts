import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider } from 'react-admin';
import { API_URL, httpClient } from './httpClient';

/** `{zh, en}`, either may be missing (SPEC §1). */
export interface LocalizedText {
  zh?: string;
  en?: string;
}

export type VersionStatus = 'draft' | 'published' | 'retired';

export interface DocumentRecord {
  id: string;
  kind: 'scheme' | 'workflow' | 'survey';
  key: string;
  name: LocalizedText;
  revision: number;
  latestVersion: number | null;
  publishedVersion: number | null;
  draftVersion: number | null;
  status: VersionStatus | null;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentDetail extends DocumentRecord {
  version: number;
  content: Record<string, unknown>;
  validation: { valid: boolean; issues: Array<{ path: string; message: string }> };
}

export interface VersionRecord {
  id: string;
  documentId: string;
  version: number;
  status: VersionStatus;
  contentHash: string | null;
  createdBy: string | null;
  createdAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
  retiredAt: string | null;
  updatedAt: string;
}

export interface VersionDetail extends VersionRecord {
  content: Record<string, unknown>;
}

export interface DocumentChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
  text: string;
}

export interface DiffResult {
  from: number;
  to: number;
  changes: DocumentChange[];
}

export interface TemplateRecord {
  key: string;
  kind: 'scheme' | 'workflow' | 'survey';
  name: LocalizedText | null;
}

export interface BindingRecord {
  id: string;
  period: string;
  teamId: string | null;
  teamName: string | null;
  documentId: string;
  documentKey: string;
  documentVersionId: string;
  version: number;
  versionStatus: VersionStatus;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ImportResult {
  rows: number;
  values: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: Array<{ path: string; message: string }>;
}

/** A version number or the draft, as the diff and version routes take it. */
export type VersionRef = number | 'draft';

/** The REST resources plus the API's actions that are not CRUD. */
export interface CareScoreDataProvider extends DataProvider {
  templates(): Promise<TemplateRecord[]>;
  documentVersions(id: string): Promise<VersionRecord[]>;
  documentVersion(id: string, version: VersionRef): Promise<VersionDetail>;
  documentDiff(id: string, from?: VersionRef, to?: VersionRef): Promise<DiffResult>;
  publishDocument(id: string, revision: number): Promise<DocumentDetail>;
  retireVersion(id: string, version: number, revision: number): Promise<DocumentDetail>;
  rollbackDocument(id: string, version: number, revision: number): Promise<DocumentDetail>;
  discardDraft(id: string, revision: number): Promise<DocumentDetail>;
  importFacts(file: File, options: { partial: boolean }): Promise<ImportResult>;
}

const json = (body: unknown): RequestInit => ({ body: JSON.stringify(body), headers: new Headers({ Accept: 'application/json', 'Content-Type': 'application/json' }) });

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const { json: body } = await httpClient(`${API_URL}${path}`, init);
  return body as T;
}

const base = simpleRestProvider(API_URL, httpClient);

export const dataProvider: CareScoreDataProvider = {
  ...base,
  templates: () => call<TemplateRecord[]>('/templates'),
  documentVersions: (id) => call<VersionRecord[]>(`/documents/${id}/versions`),
  documentVersion: (id, version) => call<VersionDetail>(`/documents/${id}/versions/${version}`),
  documentDiff: (id, from, to) => {
    const query = new URLSearchParams();
    if (from !== undefined) query.set('from', String(from));
    if (to !== undefined) query.set('to', String(to));
    return call<DiffResult>(`/documents/${id}/diff?${query.toString()}`);
  },
  publishDocument: (id, revision) => call<DocumentDetail>(`/documents/${id}/publish`, { method: 'POST', ...json({ revision }) }),
  retireVersion: (id, version, revision) => call<DocumentDetail>(`/documents/${id}/versions/${version}/retire`, { method: 'POST', ...json({ revision }) }),
  rollbackDocument: (id, version, revision) => call<DocumentDetail>(`/documents/${id}/rollback`, { method: 'POST', ...json({ version, revision }) }),
  discardDraft: (id, revision) => call<DocumentDetail>(`/documents/${id}/draft`, { method: 'DELETE', ...json({ revision }) }),
  importFacts: (file, { partial }) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return call<ImportResult>(`/facts/import?partial=${partial}`, { method: 'POST', body: form, headers: new Headers({ Accept: 'application/json' }) });
  },
};
