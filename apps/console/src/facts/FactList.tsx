import UploadFileIcon from '@mui/icons-material/UploadFile';
import { AutocompleteInput, Button, DataTable, List, ReferenceInput, SearchInput, SelectInput, TopToolbar, useCanAccess } from 'react-admin';
import { Link } from 'react-router-dom';
import { DateTimeField } from '../common/DateTimeField';
import { PeriodInput } from '../common/PeriodInput';
import { TeamField, TeamOption } from '../common/TeamField';
import { FactInputs, InputCountField } from './FactInputs';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <PeriodInput key="period" source="period" alwaysOn />,
  <ReferenceInput key="staffId" source="staffId" reference="staff" sort={{ field: 'code', order: 'ASC' }} alwaysOn>
    <AutocompleteInput optionText={(staff: { code: string; name: string }) => `${staff.code} ${staff.name}`} filterToQuery={(q: string) => ({ q })} />
  </ReferenceInput>,
  <ReferenceInput key="teamId" source="teamId" reference="teams" sort={{ field: 'name', order: 'ASC' }} perPage={200}>
    <SelectInput optionText={<TeamOption />} />
  </ReferenceInput>,
];

function ImportButton() {
  const { canAccess } = useCanAccess({ resource: 'facts', action: 'import' });
  if (!canAccess) return null;
  return (
    <Button component={Link} to="/facts/import" label="carescore.facts.import">
      <UploadFileIcon />
    </Button>
  );
}

export function FactList() {
  return (
    <List
      filters={filters}
      sort={{ field: 'period', order: 'DESC' }}
      actions={
        <TopToolbar>
          <ImportButton />
        </TopToolbar>
      }
    >
      <DataTable rowClick="expand" expand={<FactInputs />} bulkActionButtons={false}>
        <DataTable.Col source="staffCode" />
        <DataTable.Col source="staffName" />
        <DataTable.Col source="teamId">
          <TeamField />
        </DataTable.Col>
        <DataTable.Col source="period" />
        <DataTable.Col source="inputs" disableSort>
          <InputCountField />
        </DataTable.Col>
        <DataTable.Col source="updatedAt" field={DateTimeField} />
      </DataTable>
    </List>
  );
}
