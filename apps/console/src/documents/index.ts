import DescriptionIcon from '@mui/icons-material/Description';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./DocumentList').then((m) => ({ default: m.DocumentList }))),
  show: lazy(() => import('./DocumentShow').then((m) => ({ default: m.DocumentShow }))),
  create: lazy(() => import('./DocumentCreate').then((m) => ({ default: m.DocumentCreate }))),
  // The scheme editor: it bundles the engine's validator, so it loads only when opened.
  edit: lazy(() => import('./editor/SchemeEditor').then((m) => ({ default: m.SchemeEditor }))),
  icon: DescriptionIcon,
  recordRepresentation: 'key',
};
