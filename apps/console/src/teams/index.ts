import GroupsIcon from '@mui/icons-material/Groups';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./TeamList').then((m) => ({ default: m.TeamList }))),
  edit: lazy(() => import('./TeamEdit').then((m) => ({ default: m.TeamEdit }))),
  create: lazy(() => import('./TeamCreate').then((m) => ({ default: m.TeamCreate }))),
  icon: GroupsIcon,
  recordRepresentation: 'name',
};
