import { Create } from 'react-admin';
import { pickFields } from '../common/pickFields';
import { TEAM_FIELDS, TeamForm } from './TeamForm';

export function TeamCreate() {
  return (
    <Create redirect="list" transform={pickFields(TEAM_FIELDS, { nullable: ['nameEn', 'managerId'] })}>
      <TeamForm />
    </Create>
  );
}
