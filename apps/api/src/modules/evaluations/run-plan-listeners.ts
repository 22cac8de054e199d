import { Injectable } from '@nestjs/common';
import type { InputDeclaration } from '@carescore/engine';
import type { Tx } from '../../database/transaction';
import type { FactInputs } from '../facts/fact.entity';
import type { StaffTier } from '../staff/staff.entity';
import type { EvaluationRunEntity } from './evaluation-run.entity';

/** A staff member the run will score, as the planner read them. */
export interface PlannedMember {
  id: string;
  code: string;
  teamId: string | null;
  tier: StaffTier;
  /** The stored facts of the period (null: none). */
  facts: FactInputs | null;
  /** Every derived input computed for them (see RunInputProviders), before any scheme filters them. */
  derived: FactInputs;
  /** The version the run scores them with. */
  documentVersionId: string;
}

/** What a listener adds to a plan: inputs to derive beside the pinned versions', and what to do with the planned staff. */
export interface RunPlanContribution {
  declared: ReadonlyMap<string, InputDeclaration>;
  planned(members: readonly PlannedMember[], tx: Tx): Promise<void>;
}

/** Asked once per plan, in the plan's transaction, before any input is derived. */
export type RunPlanListener = (run: EvaluationRunEntity, tx: Tx) => Promise<RunPlanContribution | null>;

/**
 * Other modules capture what they need from a run's plan here (shadow experiments keep the
 * challenger's population), from the very read the run itself is planned from, so work done after
 * the run (see RunFollowUps) uses the same facts and derived inputs as the official scorecards.
 */
@Injectable()
export class RunPlanListeners {
  private readonly listeners: RunPlanListener[] = [];

  register(listener: RunPlanListener): void {
    this.listeners.push(listener);
  }

  async prepare(run: EvaluationRunEntity, tx: Tx): Promise<RunPlanContribution[]> {
    const contributions: RunPlanContribution[] = [];
    for (const listener of this.listeners) {
      const contribution = await listener(run, tx);
      if (contribution) contributions.push(contribution);
    }
    return contributions;
  }
}
