import { SelectInput, useGetList } from 'react-admin';
import type { BindingRecord } from '../providers/dataProvider';

/** The periods that have a binding (facts exist only for those), newest first. */
export function usePeriods(): string[] {
  const { data } = useGetList<BindingRecord>('bindings', { pagination: { page: 1, perPage: 1000 }, sort: { field: 'period', order: 'DESC' } });
  return [...new Set((data ?? []).map((binding) => binding.period))];
}

/** A period filter whose choices are the bound periods. */
export function PeriodInput({ source = 'period' }: { source?: string; alwaysOn?: boolean }) {
  const periods = usePeriods();
  return <SelectInput source={source} choices={periods.map((period) => ({ id: period, name: period }))} translateChoice={false} />;
}
