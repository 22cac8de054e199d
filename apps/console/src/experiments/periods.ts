/** The period after `period` (2026-12 → 2027-01, 2026-Q4 → 2027-Q1), as the API's promote computes it. */
export function nextPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  if (period[5] === 'Q') {
    const quarter = Number(period.slice(6));
    return quarter === 4 ? `${year + 1}-Q1` : `${year}-Q${quarter + 1}`;
  }
  const month = Number(period.slice(5));
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1) return '';
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}
