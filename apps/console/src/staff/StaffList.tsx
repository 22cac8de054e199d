import { BooleanField, CreateButton, DataTable, List, NullableBooleanInput, ReferenceInput, SearchInput, SelectInput, TopToolbar, useCanAccess } from 'react-admin';
import { tierChoices } from '../common/choices';
import { DateTimeField } from '../common/DateTimeField';
import { TeamField, TeamOption } from '../common/TeamField';
import { TranslatedField } from '../common/TranslatedField';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="teamId" source="teamId" reference="teams" sort={{ field: 'name', order: 'ASC' }} perPage={200} alwaysOn>
    <SelectInput optionText={<TeamOption />} />
  </ReferenceInput>,
  <SelectInput key="tier" source="tier" choices={tierChoices} alwaysOn />,
  <NullableBooleanInput key="active" source="active" />,
];

export function StaffList() {
  const { canAccess: canEdit } = useCanAccess({ resource: 'staff', action: 'edit' });
  return (
    <List
      filters={filters}
      sort={{ field: 'code', order: 'ASC' }}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
    >
      <DataTable rowClick={canEdit ? 'edit' : false} bulkActionButtons={false}>
        <DataTable.Col source="code" />
        <DataTable.Col source="name" />
        <DataTable.Col source="teamId">
          <TeamField />
        </DataTable.Col>
        <DataTable.Col source="tier">
          <TranslatedField source="tier" prefix="carescore.tiers" />
        </DataTable.Col>
        <DataTable.Col source="active" field={BooleanField} />
        <DataTable.Col source="updatedAt" field={DateTimeField} />
      </DataTable>
    </List>
  );
}
