import { lazy } from 'react';
import { ApprovalsIcon } from './ApprovalsIcon';

/** 待审批: the change requests (issue 15), with the count the signed-in user may decide on the menu's icon. */
export default {
  list: lazy(() => import('./ChangeRequestList').then((m) => ({ default: m.ChangeRequestList }))),
  show: lazy(() => import('./ChangeRequestShow').then((m) => ({ default: m.ChangeRequestShow }))),
  icon: ApprovalsIcon,
  recordRepresentation: 'description',
};
