import { Edit } from 'react-admin';
import { pickFields } from '../common/pickFields';
import { UPDATE_USER_FIELDS, UserForm } from './UserForm';

export function UserEdit() {
  return (
    <Edit mutationMode="pessimistic" transform={pickFields(UPDATE_USER_FIELDS, { nullable: ['staffId'] })}>
      <UserForm mode="edit" />
    </Edit>
  );
}
