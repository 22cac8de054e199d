import { describe, expect, it } from 'vitest';
import { assignArm } from '@carescore/stats';
import { type SplitExperiment, splitOverrides } from './split-assignment';

const CHAMPION = 'champion-version';
const CHALLENGER = 'challenger-version';
const OTHER = 'other-version';
const staff = Array.from({ length: 200 }, (_, i) => ({ id: `staff-${i}`, teamId: `team-${i % 10}`, documentVersionId: CHAMPION }));
const experiment = (overrides: Partial<SplitExperiment> = {}): SplitExperiment => ({
  id: 'x1',
  key: 'pilot',
  teamIds: null,
  unit: 'staff',
  challengerPercent: 30,
  championVersionId: CHAMPION,
  challengerVersionId: CHALLENGER,
  ...overrides,
});

describe('splitOverrides', () => {
  it('gives each staff member the arm assignArm(key, staff id, percent) gives, and the version of that arm', () => {
    const overrides = splitOverrides([experiment()], staff);
    expect(overrides.size).toBe(200);
    for (const member of staff) {
      const arm = assignArm('pilot', member.id, 30);
      expect(overrides.get(member.id)).toEqual({ documentVersionId: arm === 'challenger' ? CHALLENGER : CHAMPION, experiment: { id: 'x1', arm } });
    }
    const challengers = [...overrides.values()].filter((override) => override.experiment.arm === 'challenger').length;
    expect(challengers).toBeGreaterThan(30);
    expect(challengers).toBeLessThan(90);
  });

  it('is stable for an unchanged percentage, and raising it only moves staff to the challenger', () => {
    const at30 = splitOverrides([experiment()], staff);
    expect(splitOverrides([experiment()], [...staff].reverse())).toEqual(at30);
    const at60 = splitOverrides([experiment({ challengerPercent: 60 })], staff);
    let moved = 0;
    for (const member of staff) {
      const before = at30.get(member.id)?.experiment.arm;
      const after = at60.get(member.id)?.experiment.arm;
      if (before === 'challenger') expect(after).toBe('challenger');
      if (before !== after) moved += 1;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('with team units keeps every team in one arm, by assignArm(key, team id, percent); staff without a team stay out', () => {
    const overrides = splitOverrides([experiment({ unit: 'team', challengerPercent: 50 })], [...staff, { id: 'loner', teamId: null, documentVersionId: CHAMPION }]);
    expect(overrides.has('loner')).toBe(false);
    for (const member of staff) expect(overrides.get(member.id)?.experiment.arm).toBe(assignArm('pilot', member.teamId, 50));
  });

  it('leaves out staff of other teams and staff bound to another version than the champion', () => {
    const population = [...staff.slice(0, 20), { id: 'elsewhere', teamId: 'team-1', documentVersionId: OTHER }];
    const overrides = splitOverrides([experiment({ teamIds: ['team-1', 'team-2'], challengerPercent: 100 })], population);
    expect([...overrides.keys()].sort()).toEqual(population.filter((member) => member.documentVersionId === CHAMPION && ['team-1', 'team-2'].includes(member.teamId)).map((member) => member.id).sort());
    expect([...overrides.values()].every((override) => override.documentVersionId === CHALLENGER)).toBe(true);
  });

  it('the first experiment to claim a staff member wins', () => {
    const overrides = splitOverrides([experiment({ id: 'first', teamIds: ['team-1'], challengerPercent: 0 }), experiment({ id: 'second', challengerPercent: 100 })], staff);
    expect(overrides.get('staff-1')?.experiment).toEqual({ id: 'first', arm: 'champion' });
    expect(overrides.get('staff-2')?.experiment).toEqual({ id: 'second', arm: 'challenger' });
  });
});
