import ScienceIcon from '@mui/icons-material/Science';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./ExperimentList').then((m) => ({ default: m.ExperimentList }))),
  show: lazy(() => import('./ExperimentShow').then((m) => ({ default: m.ExperimentShow }))),
  create: lazy(() => import('./ExperimentCreate').then((m) => ({ default: m.ExperimentCreate }))),
  edit: lazy(() => import('./ExperimentEdit').then((m) => ({ default: m.ExperimentEdit }))),
  icon: ScienceIcon,
  recordRepresentation: 'key',
};
