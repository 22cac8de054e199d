import { Create } from 'react-admin';
import { pickFields } from '../common/pickFields';
import { CREATE_USER_FIELDS, UserForm } from './UserForm';

export function UserCreate() {
  return (
    <Create redirect="list" transform={pickFields(CREATE_USER_FIELDS, { nullable: ['staffId'] })}>
      <UserForm mode="create" />
    </Create>
  );
}
