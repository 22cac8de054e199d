import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/transaction';

export type ExperimentArm = 'champion' | 'challenger';

/** A staff member the run will evaluate, with the version their team's binding pins. */
export interface PinnedStaff {
  id: string;
  teamId: string | null;
  documentVersionId: string;
}

/** What a run being planned asks: which of its staff another module scores otherwise. */
export interface RunPinOverrideRequest {
  institutionId: string;
  period: string;
  staff: readonly PinnedStaff[];
}

/**
 * The version that scores one staff member instead of (or, for an experiment's champion arm,
 * the same as) their team's pin, and the experiment arm that chose it; the scorecard records both.
 */
export interface RunPinOverride {
  documentVersionId: string;
  experiment: { id: string; arm: ExperimentArm };
}

/** Staff id → override, for staff of the request only; staff left out keep their team's pin. */
export type RunPinOverrideProvider = (request: RunPinOverrideRequest, tx: Tx) => Promise<Map<string, RunPinOverride>>;

/**
 * Per-staff version overrides asked for when a run is planned (split experiments: the challenger
 * arm is scored officially by the challenger version): other modules register a provider when
 * they start. The planner stores each member's version in the chunk, so chunks, the inputs digest
 * and the scorecards all agree, and a change made while the run is under way waits for the next run.
 * When two providers claim a staff member, the first registered wins.
 */
@Injectable()
export class RunPinOverrides {
  private readonly providers: RunPinOverrideProvider[] = [];

  register(provider: RunPinOverrideProvider): void {
    this.providers.push(provider);
  }

  async collect(request: RunPinOverrideRequest, tx: Tx): Promise<Map<string, RunPinOverride>> {
    const merged = new Map<string, RunPinOverride>();
    if (request.staff.length === 0) return merged;
    const known = new Set(request.staff.map((member) => member.id));
    for (const provider of this.providers) {
      for (const [staffId, override] of await provider(request, tx)) if (known.has(staffId) && !merged.has(staffId)) merged.set(staffId, override);
    }
    return merged;
  }
}
