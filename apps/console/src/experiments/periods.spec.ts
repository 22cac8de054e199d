import { describe, expect, it } from 'vitest';
import { nextPeriod } from './periods';

describe('nextPeriod', () => {
  it('steps months and quarters across the year end, like the API’s promote', () => {
    expect(['2026-Q1', '2026-Q4', '2026-03', '2026-12', ''].map(nextPeriod)).toEqual(['2026-Q2', '2027-Q1', '2026-04', '2027-01', '']);
  });
});
