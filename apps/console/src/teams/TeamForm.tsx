import { AutocompleteInput, maxLength, ReferenceInput, required, SimpleForm, TextInput } from 'react-admin';

/** The writable fields of a team (apps/api/src/modules/teams/teams.dto.ts). */
export const TEAM_FIELDS = ['name', 'nameEn', 'managerId'] as const;

export function TeamForm() {
  return (
    <SimpleForm>
      <TextInput source="name" validate={[required(), maxLength(200)]} />
      <TextInput source="nameEn" validate={maxLength(200)} />
      <ReferenceInput source="managerId" reference="users" filter={{ role: 'manager', active: true }} sort={{ field: 'name', order: 'ASC' }}>
        <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} />
      </ReferenceInput>
    </SimpleForm>
  );
}
