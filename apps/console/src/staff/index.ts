import BadgeIcon from '@mui/icons-material/Badge';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./StaffList').then((m) => ({ default: m.StaffList }))),
  edit: lazy(() => import('./StaffEdit').then((m) => ({ default: m.StaffEdit }))),
  create: lazy(() => import('./StaffCreate').then((m) => ({ default: m.StaffCreate }))),
  icon: BadgeIcon,
  recordRepresentation: (record: { code: string; name: string }) => `${record.code} ${record.name}`,
};
