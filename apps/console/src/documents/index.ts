import DescriptionIcon from '@mui/icons-material/Description';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./DocumentList').then((m) => ({ default: m.DocumentList }))),
  show: lazy(() => import('./DocumentShow').then((m) => ({ default: m.DocumentShow }))),
  create: lazy(() => import('./DocumentCreate').then((m) => ({ default: m.DocumentCreate }))),
  icon: DescriptionIcon,
  recordRepresentation: 'key',
};
