import { BooleanInput, maxLength, ReferenceInput, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { tierChoices } from '../common/choices';
import { TeamOption } from '../common/TeamField';

/** The writable fields of a staff member (apps/api/src/modules/staff/staff.dto.ts). */
export const STAFF_FIELDS = ['code', 'name', 'teamId', 'tier', 'active'] as const;

export function StaffForm() {
  return (
    <SimpleForm defaultValues={{ tier: 'junior', active: true }}>
      <TextInput source="code" validate={[required(), maxLength(64)]} />
      <TextInput source="name" validate={[required(), maxLength(200)]} />
      <ReferenceInput source="teamId" reference="teams" sort={{ field: 'name', order: 'ASC' }} perPage={200}>
        <SelectInput optionText={<TeamOption />} />
      </ReferenceInput>
      <SelectInput source="tier" choices={tierChoices} validate={required()} />
      <BooleanInput source="active" />
    </SimpleForm>
  );
}
