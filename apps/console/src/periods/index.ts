import EventNoteIcon from '@mui/icons-material/EventNote';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./PeriodList').then((m) => ({ default: m.PeriodList }))),
  show: lazy(() => import('./PeriodShow').then((m) => ({ default: m.PeriodShow }))),
  icon: EventNoteIcon,
  recordRepresentation: (record: { period: string }) => record.period,
};
