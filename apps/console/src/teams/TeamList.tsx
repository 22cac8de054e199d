import { CreateButton, DataTable, List, SearchInput, TopToolbar, useCanAccess } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { UserNameField } from '../users/UserNameField';

const filters = [<SearchInput key="q" source="q" alwaysOn />];

export function TeamList() {
  const { canAccess: canEdit } = useCanAccess({ resource: 'teams', action: 'edit' });
  // Managers' names come from /users, which only admins may read.
  const { canAccess: canSeeUsers } = useCanAccess({ resource: 'users', action: 'list' });
  return (
    <List
      filters={filters}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
      sort={{ field: 'name', order: 'ASC' }}
    >
      <DataTable rowClick={canEdit ? 'edit' : false} bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col source="nameEn" />
        {canSeeUsers ? (
          <DataTable.Col source="managerId">
            <UserNameField source="managerId" />
          </DataTable.Col>
        ) : null}
        <DataTable.NumberCol source="staffCount" disableSort />
        <DataTable.Col source="updatedAt" field={DateTimeField} />
      </DataTable>
    </List>
  );
}
