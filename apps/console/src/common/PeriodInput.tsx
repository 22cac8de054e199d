import { SelectInput, useGetList, usePermissions } from 'react-admin';
import type { BindingRecord } from '../providers/dataProvider';
import { canAccess } from '../providers/permissions';
import type { Role } from '../providers/session';

/** `GET /api/scorecards/periods`: a period with scorecards the reader may see. */
interface ScorecardPeriod {
  id: string;
  period: string;
  scorecards: number;
}

const ALL = { pagination: { page: 1, perPage: 1000 }, sort: { field: 'period', order: 'DESC' as const } };

/**
 * The periods to choose from, newest first: those that have a binding (facts exist only for
 * those) for roles that read bindings; for the others (staff) the periods of the scorecards they
 * may see, which the API lists for every role.
 */
export function usePeriods(): string[] {
  const { permissions } = usePermissions<Role>();
  const known = permissions !== undefined;
  const readsBindings = known && canAccess(permissions, 'bindings', 'list');
  const bound = useGetList<BindingRecord>('bindings', ALL, { enabled: readsBindings });
  const scored = useGetList<ScorecardPeriod>('scorecards/periods', ALL, { enabled: known && !readsBindings });
  const rows: Array<{ period: string }> = (readsBindings ? bound.data : scored.data) ?? [];
  return [...new Set(rows.map((row) => row.period))];
}

/** A period filter whose choices are the periods of usePeriods. */
export function PeriodInput({ source = 'period' }: { source?: string; alwaysOn?: boolean }) {
  const periods = usePeriods();
  return <SelectInput source={source} choices={periods.map((period) => ({ id: period, name: period }))} translateChoice={false} />;
}
