import { CreateButton, DataTable, List, SearchInput, SelectInput, TopToolbar } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { ArmField, ModeField, NameField, PeriodsField, PopulationField, StatusField } from './ExperimentFields';

const statusChoices = ['draft', 'running', 'stopped', 'promoted'].map((id) => ({ id, name: `carescore.experiments.statuses.${id}` }));
const modeChoices = ['shadow', 'split'].map((id) => ({ id, name: `carescore.experiments.modes.${id}` }));

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <SelectInput key="mode" source="mode" choices={modeChoices} alwaysOn />,
];

export function ExperimentList() {
  return (
    <List
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="key" />
        <DataTable.Col source="name" disableSort>
          <NameField />
        </DataTable.Col>
        <DataTable.Col source="status">
          <StatusField />
        </DataTable.Col>
        <DataTable.Col source="mode">
          <ModeField />
        </DataTable.Col>
        <DataTable.Col source="champion" disableSort>
          <ArmField arm="champion" />
        </DataTable.Col>
        <DataTable.Col source="challenger" disableSort>
          <ArmField arm="challenger" />
        </DataTable.Col>
        <DataTable.Col source="teamIds" disableSort>
          <PopulationField />
        </DataTable.Col>
        <DataTable.Col source="periods" disableSort>
          <PeriodsField />
        </DataTable.Col>
        <DataTable.Col source="updatedAt" field={DateTimeField} />
      </DataTable>
    </List>
  );
}
