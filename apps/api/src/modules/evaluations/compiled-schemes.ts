import { Inject, Injectable } from '@nestjs/common';
import { type CompiledScheme, compileScheme, type SchemeDocumentInput } from '@carescore/engine';
import type { Tx } from '../../database/transaction';
import { EvaluationsRepository } from './evaluations.repository';

/** Compiled schemes per published document version. Versions never change, so neither do their compilations. */
@Injectable()
export class CompiledSchemes {
  private static readonly LIMIT = 64;
  private readonly cache = new Map<string, CompiledScheme>();

  constructor(@Inject(EvaluationsRepository) private readonly repository: EvaluationsRepository) {}

  async get(versionIds: Iterable<string>, tx?: Tx): Promise<Map<string, CompiledScheme>> {
    const wanted = [...new Set(versionIds)];
    const missing = wanted.filter((id) => !this.cache.has(id));
    if (missing.length > 0) {
      const contents = await this.repository.versionContents(missing, tx);
      for (const id of missing) {
        const content = contents.get(id);
        if (!content) throw new Error(`document version ${id} not found`);
        this.remember(id, compileScheme(content as SchemeDocumentInput));
      }
    }
    const result = new Map<string, CompiledScheme>();
    for (const id of wanted) {
      const compiled = this.cache.get(id) as CompiledScheme;
      // Re-inserting keeps the most recently used last, so the oldest is evicted first.
      this.cache.delete(id);
      this.cache.set(id, compiled);
      result.set(id, compiled);
    }
    return result;
  }

  private remember(id: string, compiled: CompiledScheme): void {
    this.cache.set(id, compiled);
    if (this.cache.size > CompiledSchemes.LIMIT) this.cache.delete(this.cache.keys().next().value as string);
  }
}
