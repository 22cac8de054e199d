import { BooleanField, CreateButton, DataTable, List, NullableBooleanInput, SearchInput, SelectInput, TopToolbar } from 'react-admin';
import { roleChoices } from '../common/choices';
import { DateTimeField } from '../common/DateTimeField';
import { TranslatedField } from '../common/TranslatedField';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} alwaysOn />,
  <NullableBooleanInput key="active" source="active" />,
];

export function UserList() {
  return (
    <List
      filters={filters}
      sort={{ field: 'email', order: 'ASC' }}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
    >
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="email" />
        <DataTable.Col source="name" />
        <DataTable.Col source="role">
          <TranslatedField source="role" prefix="carescore.roles" />
        </DataTable.Col>
        <DataTable.Col source="locale">
          <TranslatedField source="locale" prefix="carescore.locales" />
        </DataTable.Col>
        <DataTable.Col source="active" field={BooleanField} />
        <DataTable.Col source="updatedAt" field={DateTimeField} />
      </DataTable>
    </List>
  );
}
