import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import { lazy } from 'react';

export default {
  list: lazy(() => import('./UserList').then((m) => ({ default: m.UserList }))),
  edit: lazy(() => import('./UserEdit').then((m) => ({ default: m.UserEdit }))),
  create: lazy(() => import('./UserCreate').then((m) => ({ default: m.UserCreate }))),
  icon: ManageAccountsIcon,
  recordRepresentation: 'email',
};
