import { Chip } from '@mui/material';
import { DataTable, DateInput, List, SearchInput, TextInput, useRecordContext, useTranslate } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { JsonBlock } from '../common/JsonBlock';
import { AuditChainBanner } from './AuditChainBanner';

interface AuditEntry {
  id: string;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: Record<string, unknown>;
}

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <TextInput key="action" source="action" alwaysOn />,
  <TextInput key="entityType" source="entityType" alwaysOn />,
  <DateInput key="from" source="from" />,
  <DateInput key="to" source="to" />,
];

function ActionChip(_props: { label?: string }) {
  const record = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  if (!record) return null;
  return <Chip size="small" variant="outlined" label={translate(`carescore.audit.actions.${record.action}`, { _: record.action })} />;
}

function EntityField(_props: { label?: string }) {
  const record = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  if (!record) return null;
  return <span>{translate(`carescore.audit.entities.${record.entityType}`, { _: record.entityType })}</span>;
}

function Changes() {
  const record = useRecordContext<AuditEntry>();
  if (!record) return null;
  return <JsonBlock value={record.changes} maxHeight={320} />;
}

/**
 * The append-only audit log (admins): who changed what, when, with the change itself in the expand panel; above it,
 * whether the institution's hash chain is intact.
 */
export function AuditLogList() {
  return (
    <>
      <AuditChainBanner />
      <AuditLogTable />
    </>
  );
}

function AuditLogTable() {
  return (
    <List filters={filters} sort={{ field: 'id', order: 'DESC' }} exporter={false}>
      <DataTable rowClick="expand" expand={<Changes />} bulkActionButtons={false}>
        <DataTable.Col source="sequence" disableSort />
        <DataTable.Col source="createdAt" field={DateTimeField} />
        <DataTable.Col source="actorEmail" />
        <DataTable.Col source="action">
          <ActionChip />
        </DataTable.Col>
        <DataTable.Col source="entityType">
          <EntityField />
        </DataTable.Col>
        <DataTable.Col source="entityId" disableSort />
        <DataTable.Col source="ip" disableSort />
      </DataTable>
    </List>
  );
}
