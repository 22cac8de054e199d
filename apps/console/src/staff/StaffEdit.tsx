import { Edit } from 'react-admin';
import { pickFields } from '../common/pickFields';
import { STAFF_FIELDS, StaffForm } from './StaffForm';

export function StaffEdit() {
  return (
    <Edit mutationMode="pessimistic" transform={pickFields(STAFF_FIELDS, { nullable: ['teamId'] })}>
      <StaffForm />
    </Edit>
  );
}
