import { Create } from 'react-admin';
import { pickFields } from '../common/pickFields';
import { STAFF_FIELDS, StaffForm } from './StaffForm';

export function StaffCreate() {
  return (
    <Create redirect="list" transform={pickFields(STAFF_FIELDS, { nullable: ['teamId'] })}>
      <StaffForm />
    </Create>
  );
}
