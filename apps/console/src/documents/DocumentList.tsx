import NoteAddIcon from '@mui/icons-material/NoteAdd';
import { Chip } from '@mui/material';
import { Button, DataTable, List, SearchInput, SelectInput, TopToolbar, useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { kindChoices, statusChoices } from '../common/choices';
import { DateTimeField } from '../common/DateTimeField';
import { useLocalized } from '../common/localized';
import { StatusChip } from '../common/StatusChip';
import type { DocumentRecord } from '../providers/dataProvider';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={kindChoices} alwaysOn />,
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
];

export function DocumentNameField(_props: { label?: string }) {
  const record = useRecordContext<DocumentRecord>();
  const localized = useLocalized();
  if (!record) return null;
  return <span>{localized(record.name, record.key)}</span>;
}

export function KindChip(_props: { label?: string }) {
  const record = useRecordContext<DocumentRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return <Chip size="small" variant="outlined" color={record.kind === 'scheme' ? 'primary' : 'secondary'} label={translate(`carescore.kinds.${record.kind}`)} />;
}

function StatusField(_props: { label?: string }) {
  const record = useRecordContext<DocumentRecord>();
  return <StatusChip status={record?.status} />;
}

function NewFromTemplateButton() {
  const { canAccess } = useCanAccess({ resource: 'documents', action: 'create' });
  if (!canAccess) return null;
  return (
    <Button component={Link} to="/documents/create" label="carescore.documents.new_from_template">
      <NoteAddIcon />
    </Button>
  );
}

export function DocumentList() {
  return (
    <List
      filters={filters}
      sort={{ field: 'key', order: 'ASC' }}
      actions={
        <TopToolbar>
          <NewFromTemplateButton />
        </TopToolbar>
      }
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="key" />
        <DataTable.Col source="name" disableSort>
          <DocumentNameField />
        </DataTable.Col>
        <DataTable.Col source="kind">
          <KindChip />
        </DataTable.Col>
        <DataTable.Col source="status" disableSort>
          <StatusField />
        </DataTable.Col>
        <DataTable.NumberCol source="publishedVersion" disableSort />
        <DataTable.NumberCol source="draftVersion" disableSort />
        <DataTable.NumberCol source="latestVersion" disableSort />
        <DataTable.Col source="updatedAt" field={DateTimeField} />
      </DataTable>
    </List>
  );
}
