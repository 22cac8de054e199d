import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { assignArm } from '@carescore/stats';
import type { Tx } from '../../database/transaction';
import { type PinnedStaff, type RunPinOverride, type RunPinOverrideRequest, RunPinOverrides } from '../evaluations/run-pin-overrides';
import type { ExperimentEntity } from './experiment.entity';
import { ExperimentsRepository } from './experiments.repository';

/** What split assignment reads of an experiment. */
export type SplitExperiment = Pick<ExperimentEntity, 'id' | 'key' | 'teamIds' | 'unit' | 'challengerPercent' | 'championVersionId' | 'challengerVersionId'>;

/**
 * The arm of each staff member in the split experiments' populations, and the version that scores
 * them: the challenger version for the challenger arm, their team's pin (the champion) otherwise.
 *
 * A staff member is in an experiment when their team is in its population (all teams when it names
 * none) and their team's binding pins the experiment's champion version; staff bound to another
 * version are left to their binding. The unit is the staff member, or their team (staff without a
 * team are then left out), and its arm is `assignArm(experiment key, unit id, challengerPercent)`
 * from @carescore/stats: MurmurHash3 of `${key}:${unit id}` scaled to 10 000 buckets, the
 * challenger taking those below percent × 100. So the same percentage always gives the same arms,
 * a team's staff always share one, and raising the percentage only moves units to the challenger.
 * Experiments are taken in the order given (oldest first); the first that claims a staff member wins.
 */
export function splitOverrides(experiments: readonly SplitExperiment[], staff: readonly PinnedStaff[]): Map<string, RunPinOverride> {
  const overrides = new Map<string, RunPinOverride>();
  for (const experiment of experiments) {
    if (experiment.unit === null || experiment.challengerPercent === null) continue;
    const teams = experiment.teamIds ? new Set(experiment.teamIds) : null;
    for (const member of staff) {
      if (overrides.has(member.id) || member.documentVersionId !== experiment.championVersionId) continue;
      if (teams && (member.teamId === null || !teams.has(member.teamId))) continue;
      const unitId = experiment.unit === 'team' ? member.teamId : member.id;
      if (unitId === null) continue;
      const arm = assignArm(experiment.key, unitId, experiment.challengerPercent);
      overrides.set(member.id, { documentVersionId: arm === 'challenger' ? experiment.challengerVersionId : experiment.championVersionId, experiment: { id: experiment.id, arm } });
    }
  }
  return overrides;
}

/**
 * Split (pilot) mode: when a run is planned, the running split experiments covering its period
 * choose each of their staff's version (see splitOverrides). One query per run, whatever its size.
 */
@Injectable()
export class SplitAssignment implements OnModuleInit {
  constructor(
    @Inject(RunPinOverrides) private readonly overrides: RunPinOverrides,
    @Inject(ExperimentsRepository) private readonly experiments: ExperimentsRepository,
  ) {}

  onModuleInit(): void {
    this.overrides.register((request, tx) => this.overridesFor(request, tx));
  }

  async overridesFor(request: RunPinOverrideRequest, tx: Tx): Promise<Map<string, RunPinOverride>> {
    const experiments = await this.experiments.runningSplit(request.institutionId, request.period, tx);
    return experiments.length === 0 ? new Map() : splitOverrides(experiments, request.staff);
  }
}
