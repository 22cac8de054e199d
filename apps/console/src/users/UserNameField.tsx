import { ReferenceField, TextField } from 'react-admin';

/** A user id shown as the user's name (only admins may read users). */
export function UserNameField({ source }: { source: string; label?: string }) {
  return (
    <ReferenceField source={source} reference="users" link={false} emptyText="—">
      <TextField source="name" />
    </ReferenceField>
  );
}
