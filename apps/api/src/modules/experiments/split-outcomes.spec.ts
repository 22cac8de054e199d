import { describe, expect, it } from 'vitest';
import type { Arm } from '@carescore/stats';
import { type OutcomeValue, outcomeSamples } from './split-outcomes';

const rows: OutcomeValue[] = [
  { staffId: 's1', teamId: 't1', value: 80 },
  { staffId: 's2', teamId: 't1', value: 90 },
  { staffId: 's3', teamId: 't2', value: 70 },
  { staffId: 's4', teamId: 't2', value: null },
  { staffId: 's5', teamId: null, value: 60 },
  { staffId: 's6', teamId: 't3', value: Number.NaN },
];
const arms: Record<string, Arm> = { s1: 'challenger', s2: 'challenger', s3: 'champion', s4: 'champion', s5: 'champion', s6: 'champion' };

describe('outcomeSamples', () => {
  it('staff units: one value per staff member with a finite value and an arm', () => {
    const samples = outcomeSamples([...rows, { staffId: 'unassigned', teamId: 't1', value: 1 }], (row) => arms[row.staffId], 'staff');
    expect(samples).toEqual({ champion: [70, 60], challenger: [80, 90], staff: { champion: 2, challenger: 2 } });
  });

  it('team units: the mean of each team’s staff per arm; staff without a team left out', () => {
    const samples = outcomeSamples(rows, (row) => arms[row.staffId], 'team');
    expect(samples).toEqual({ champion: [70], challenger: [85], staff: { champion: 1, challenger: 2 } });
  });
});
