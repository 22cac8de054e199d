import { useGetList } from 'react-admin';
import type { RunRecord } from '../evaluations/types';

/**
 * Band ids are scheme data, not the console's: offer the bands the latest successful runs
 * produced (their summaries count scorecards per band). Only readers of runs get choices.
 */
export function useBandChoices(enabled: boolean): Array<{ id: string; name: string }> {
  const { data } = useGetList<RunRecord>(
    'evaluations',
    { pagination: { page: 1, perPage: 25 }, sort: { field: 'createdAt', order: 'DESC' }, filter: { status: 'succeeded' } },
    { enabled },
  );
  return bandsOf(data ?? []).map((band) => ({ id: band, name: band }));
}

/** The union of the band ids in the runs' summaries, sorted. */
export function bandsOf(runs: ReadonlyArray<Pick<RunRecord, 'summary'>>): string[] {
  return [...new Set(runs.flatMap((run) => Object.keys(run.summary.bands ?? {})))].sort();
}
