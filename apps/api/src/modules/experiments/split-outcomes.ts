import type { Arm } from '@carescore/stats';

/** One current scorecard's value of the outcome indicator. */
export interface OutcomeValue {
  staffId: string;
  teamId: string | null;
  value: number | null;
}

export interface OutcomeSamples {
  /** One value per unit: the staff member's, or the mean over a team's staff in that arm. */
  champion: number[];
  challenger: number[];
  /** Staff whose value went into each arm. */
  staff: { champion: number; challenger: number };
}

/**
 * The outcome values per arm, one per unit: the unit is what was randomised, so with whole teams
 * assigned the comparison is between team means (staff of one team are not independent draws).
 * Staff without an arm, without a finite value, or (team units) without a team are left out.
 */
export function outcomeSamples(rows: readonly OutcomeValue[], armOf: (row: OutcomeValue) => Arm | undefined, unit: 'staff' | 'team'): OutcomeSamples {
  const units = new Map<string, { arm: Arm; values: number[] }>();
  const staff = { champion: 0, challenger: 0 };
  for (const row of rows) {
    const arm = armOf(row);
    if (!arm || row.value === null || !Number.isFinite(row.value)) continue;
    if (unit === 'team' && row.teamId === null) continue;
    const key = unit === 'team' ? `${arm}:${row.teamId}` : row.staffId;
    const group = units.get(key);
    if (group) group.values.push(row.value);
    else units.set(key, { arm, values: [row.value] });
    staff[arm] += 1;
  }
  const samples: OutcomeSamples = { champion: [], challenger: [], staff };
  for (const { arm, values } of units.values()) samples[arm].push(values.reduce((sum, value) => sum + value, 0) / values.length);
  return samples;
}
