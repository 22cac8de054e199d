import { Edit } from 'react-admin';
import { pickFields } from '../common/pickFields';
import { TEAM_FIELDS, TeamForm } from './TeamForm';

export function TeamEdit() {
  return (
    <Edit mutationMode="pessimistic" transform={pickFields(TEAM_FIELDS, { nullable: ['nameEn', 'managerId'] })}>
      <TeamForm />
    </Edit>
  );
}
