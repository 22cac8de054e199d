import { Inject, Injectable } from '@nestjs/common';
import { outlineScheme, type SchemeOutline } from './scheme-outline';
import { ScorecardsRepository } from './scorecards.repository';

/**
 * Outlines of stored scheme versions, cached by version id. A scorecard is scored with a published
 * version, and published versions never change, so neither do their outlines.
 */
@Injectable()
export class SchemeOutlines {
  private static readonly LIMIT = 128;
  private readonly cache = new Map<string, SchemeOutline>();

  constructor(@Inject(ScorecardsRepository) private readonly repository: ScorecardsRepository) {}

  async get(institutionId: string, versionIds: Iterable<string>): Promise<Map<string, SchemeOutline>> {
    const found = new Map<string, SchemeOutline>();
    const missing: string[] = [];
    for (const id of new Set(versionIds)) {
      const key = `${institutionId}:${id}`;
      const outline = this.cache.get(key);
      if (!outline) {
        missing.push(id);
        continue;
      }
      // Re-inserting keeps the most recently used last, so the oldest is evicted first.
      this.cache.delete(key);
      this.cache.set(key, outline);
      found.set(id, outline);
    }
    for (const stored of await this.repository.versions(institutionId, missing)) {
      const outline = outlineScheme(stored);
      found.set(stored.id, outline);
      this.remember(`${institutionId}:${stored.id}`, outline);
    }
    for (const id of missing) if (!found.has(id)) throw new Error(`document version ${id} of a scorecard was not found`);
    return found;
  }

  async one(institutionId: string, versionId: string): Promise<SchemeOutline> {
    return (await this.get(institutionId, [versionId])).get(versionId) as SchemeOutline;
  }

  private remember(key: string, outline: SchemeOutline): void {
    this.cache.set(key, outline);
    if (this.cache.size > SchemeOutlines.LIMIT) this.cache.delete(this.cache.keys().next().value as string);
  }
}
