import TableChartIcon from '@mui/icons-material/TableChart';
import { lazy } from 'react';

export const FactImport = lazy(() => import('./FactImport').then((m) => ({ default: m.FactImport })));

export default {
  list: lazy(() => import('./FactList').then((m) => ({ default: m.FactList }))),
  icon: TableChartIcon,
  recordRepresentation: (record: { staffCode: string; period: string }) => `${record.staffCode} ${record.period}`,
};
