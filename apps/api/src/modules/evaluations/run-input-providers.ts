import { Injectable } from '@nestjs/common';
import type { InputDeclaration } from '@carescore/engine';
import type { Tx } from '../../database/transaction';
import type { FactInputs } from '../facts/fact.entity';

/** What a run being planned asks for: its period and staff, and the inputs its pinned schemes declare. */
export interface RunInputRequest {
  institutionId: string;
  period: string;
  staffIds: readonly string[];
  /** Input name → declaration, over every scheme version the run pinned. */
  declared: ReadonlyMap<string, InputDeclaration>;
}

/** Computes inputs for the staff of a run (staff id → inputs); only names in `declared`, of the declared type. */
export type RunInputProvider = (request: RunInputRequest, tx: Tx) => Promise<Map<string, FactInputs>>;

/**
 * Inputs derived from other data when a run is planned (feedback → `likert`/`nps` lists, cases →
 * `cases_opened`, …): other modules register a provider when they start. The planner merges what
 * they return under the stored facts (a stored input wins) and only for inputs the staff member's
 * scheme declares, so the chunks, the inputs digest and the scorecards all see the same values.
 */
@Injectable()
export class RunInputProviders {
  private readonly providers: RunInputProvider[] = [];

  register(provider: RunInputProvider): void {
    this.providers.push(provider);
  }

  async collect(request: RunInputRequest, tx: Tx): Promise<Map<string, FactInputs>> {
    const merged = new Map<string, FactInputs>();
    if (request.declared.size === 0 || request.staffIds.length === 0) return merged;
    for (const provider of this.providers) {
      for (const [staffId, inputs] of await provider(request, tx)) merged.set(staffId, { ...merged.get(staffId), ...inputs });
    }
    return merged;
  }
}
