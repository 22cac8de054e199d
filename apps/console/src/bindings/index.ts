import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./BindingCalendar').then((m) => ({ default: m.BindingCalendar }))),
  icon: CalendarMonthIcon,
  recordRepresentation: (record: { documentKey: string; version: number; period: string }) => `${record.period} ${record.documentKey}@v${record.version}`,
};
