import { AutocompleteInput, BooleanInput, email, maxLength, minLength, PasswordInput, ReferenceInput, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { localeChoices, roleChoices } from '../common/choices';

export const CREATE_USER_FIELDS = ['email', 'name', 'password', 'role', 'staffId', 'locale'] as const;
export const UPDATE_USER_FIELDS = ['name', 'role', 'staffId', 'locale', 'active', 'password'] as const;

/** A staff login belongs to one staff member; other roles may leave it empty. */
function StaffInput() {
  const role = useWatch({ name: 'role' }) as string | undefined;
  return (
    <ReferenceInput source="staffId" reference="staff" sort={{ field: 'code', order: 'ASC' }}>
      <AutocompleteInput
        optionText={(staff: { code: string; name: string }) => `${staff.code} ${staff.name}`}
        filterToQuery={(q: string) => ({ q })}
        validate={role === 'staff' ? required() : undefined}
      />
    </ReferenceInput>
  );
}

export function UserForm({ mode }: { mode: 'create' | 'edit' }) {
  return (
    <SimpleForm>
      <TextInput source="email" validate={[required(), email(), maxLength(254)]} disabled={mode === 'edit'} />
      <TextInput source="name" validate={[required(), maxLength(200)]} />
      <SelectInput source="role" choices={roleChoices} validate={required()} />
      <StaffInput />
      <SelectInput source="locale" choices={localeChoices} />
      {mode === 'edit' ? <BooleanInput source="active" /> : null}
      <PasswordInput source="password" validate={mode === 'create' ? [required(), minLength(8)] : minLength(8)} autoComplete="new-password" />
    </SimpleForm>
  );
}
