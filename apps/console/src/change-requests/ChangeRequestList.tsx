import { Chip, type ChipProps } from '@mui/material';
import { DataTable, List, SelectInput, useRecordContext, useTranslate } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import type { ChangeRequest } from './changeRequestsApi';

const STATUS_COLOR: Record<ChangeRequest['status'], ChipProps['color']> = { pending: 'warning', approved: 'success', rejected: 'error', withdrawn: 'default' };
const statusChoices = ['pending', 'approved', 'rejected', 'withdrawn'].map((id) => ({ id, name: `carescore.change_requests.statuses.${id}` }));
const kindChoices = ['document_publish', 'binding_create', 'binding_update', 'binding_delete', 'experiment_promote', 'period_close', 'period_reopen'].map((id) => ({ id, name: `carescore.change_requests.kinds.${id}` }));

export function ChangeRequestStatusChip() {
  const record = useRecordContext<ChangeRequest>();
  const translate = useTranslate();
  if (!record) return null;
  return <Chip size="small" color={STATUS_COLOR[record.status]} label={translate(`carescore.change_requests.statuses.${record.status}`)} data-testid="change-request-status" data-status={record.status} />;
}

function KindField() {
  const record = useRecordContext<ChangeRequest>();
  const translate = useTranslate();
  return record ? <>{translate(`carescore.change_requests.kinds.${record.kind}`)}</> : null;
}

function PersonField({ source }: { source: 'requestedBy' | 'decidedBy' }) {
  const record = useRecordContext<ChangeRequest>();
  return <>{record?.[source]?.name ?? '—'}</>;
}

const filters = [<SelectInput key="status" source="status" choices={statusChoices} alwaysOn />, <SelectInput key="kind" source="kind" choices={kindChoices} alwaysOn />];

/** 待审批: pending requests first by default, then any status by filter. */
export function ChangeRequestList() {
  return (
    <List filters={filters} filterDefaultValues={{ status: 'pending' }} sort={{ field: 'requestedAt', order: 'DESC' }} title="carescore.change_requests.title">
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="description" disableSort />
        <DataTable.Col source="kind">
          <KindField />
        </DataTable.Col>
        <DataTable.Col source="status">
          <ChangeRequestStatusChip />
        </DataTable.Col>
        <DataTable.Col source="requestedBy" disableSort>
          <PersonField source="requestedBy" />
        </DataTable.Col>
        <DataTable.Col source="requestedAt" field={DateTimeField} />
        <DataTable.Col source="decidedBy" disableSort>
          <PersonField source="decidedBy" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
