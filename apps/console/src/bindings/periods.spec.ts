import { describe, expect, it } from 'vitest';
import { sortPeriods } from './periods';

describe('sortPeriods', () => {
  it('orders quarters before their months, years first, and drops duplicates and malformed periods', () => {
    expect(sortPeriods(['2026-04', '2026-Q2', '2025-12', '2026-Q1', '2026-01', '2026-Q1', 'nonsense'])).toEqual(['2025-12', '2026-Q1', '2026-01', '2026-Q2', '2026-04']);
  });
});
