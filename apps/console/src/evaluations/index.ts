import PlayCircleIcon from '@mui/icons-material/PlayCircle';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./EvaluationList').then((m) => ({ default: m.EvaluationList }))),
  show: lazy(() => import('./EvaluationShow').then((m) => ({ default: m.EvaluationShow }))),
  create: lazy(() => import('./EvaluationCreate').then((m) => ({ default: m.EvaluationCreate }))),
  icon: PlayCircleIcon,
  recordRepresentation: (record: { period: string }) => record.period,
};
