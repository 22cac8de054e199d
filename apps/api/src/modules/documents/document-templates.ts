import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import type { LocalizedText } from '@carescore/engine';
import { findUpDirectory } from '../../common/find-up-directory';
import type { DocumentKind } from './document.entity';
import { parseContent, type StoredContent } from './document-content';

export interface DocumentTemplate {
  key: string;
  kind: DocumentKind;
  name: LocalizedText | null;
  content: StoredContent;
}

/** The folder `rule-templates/`, found by walking up from this file (works from src/ and from dist/). */
export function findTemplatesDirectory(start: string = __dirname): string | null {
  return findUpDirectory('rule-templates', start);
}

/** The YAML templates shipped in `rule-templates/`: read once, and only the valid ones offered. */
@Injectable()
export class DocumentTemplates {
  private readonly logger = new Logger('DocumentTemplates');
  private cache: Map<string, DocumentTemplate> | null = null;

  list(): DocumentTemplate[] {
    return [...this.load().values()];
  }

  find(key: string): DocumentTemplate | null {
    return this.load().get(key) ?? null;
  }

  private load(): Map<string, DocumentTemplate> {
    if (this.cache) return this.cache;
    const templates = new Map<string, DocumentTemplate>();
    const directory = findTemplatesDirectory();
    if (!directory) this.logger.warn('no rule-templates directory found; no templates are offered');
    const files = directory ? readdirSync(directory).filter((file) => /\.ya?ml$/.test(file)).sort() : [];
    for (const file of files) {
      const parsed = parseContent(readFileSync(join(directory as string, file), 'utf8'));
      if (!parsed.ok) {
        this.logger.warn(`rule-templates/${file} is invalid and is not offered: ${parsed.issues.map((issue) => `${issue.path || '(document)'}: ${issue.message}`).join('; ')}`);
        continue;
      }
      const { document, content } = parsed.value;
      if (templates.has(document.key)) continue;
      templates.set(document.key, { key: document.key, kind: document.kind, name: document.name ?? null, content });
    }
    this.cache = templates;
    return templates;
  }
}
