import { Chip, type ChipProps, Stack, Typography } from '@mui/material';
import { DataTable, List, SelectInput, useRecordContext, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { DateTimeField } from '../common/DateTimeField';
import { useLocalized } from '../common/localized';
import type { LocalizedText } from '../providers/dataProvider';

export interface NotificationRecord {
  id: string;
  kind: 'escalation' | 'scheduled_run_failed';
  /** Null for a scheduled run's failure, which links its run instead. */
  caseId: string | null;
  runId: string | null;
  stage: string;
  step: number;
  notify: 'manager' | 'director' | 'quality_officer' | 'admin';
  recipients: Array<{ userId: string; email: string; name: string; role: string }>;
  title: LocalizedText | null;
  text: LocalizedText;
  channel: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  error: string | null;
  dueAt: string;
  createdAt: string;
  sentAt: string | null;
}

interface ColumnProps {
  label?: string;
  source?: string;
  sortable?: boolean;
}

const STATUS_COLOR: Record<NotificationRecord['status'], ChipProps['color']> = { pending: 'warning', sent: 'success', failed: 'error' };

function StatusColumn(_props: ColumnProps) {
  const record = useRecordContext<NotificationRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return <Chip size="small" color={STATUS_COLOR[record.status]} label={translate(`carescore.notifications.statuses.${record.status}`)} data-testid="notification-status" />;
}

function NotifyColumn(_props: ColumnProps) {
  const record = useRecordContext<NotificationRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <span>
      {translate(`carescore.cases.notify.${record.notify}`)} · {translate('carescore.notifications.step', { step: record.step + 1 })}
    </span>
  );
}

function RecipientsColumn(_props: ColumnProps) {
  const record = useRecordContext<NotificationRecord>();
  if (!record) return null;
  return (
    <Stack>
      {record.recipients.map((recipient) => (
        <Typography key={recipient.userId} variant="body2">
          {recipient.name} <Typography component="span" variant="caption" color="text.secondary">{recipient.email}</Typography>
        </Typography>
      ))}
    </Stack>
  );
}

function MessageColumn(_props: ColumnProps) {
  const record = useRecordContext<NotificationRecord>();
  const localized = useLocalized();
  if (!record) return null;
  return (
    <span>
      {record.title ? <b>{localized(record.title)} </b> : null}
      {localized(record.text)}
      {record.error ? (
        <Typography variant="caption" color="error" component="div">
          {record.error}
        </Typography>
      ) : null}
    </span>
  );
}

function CaseColumn(_props: ColumnProps) {
  const record = useRecordContext<NotificationRecord>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.caseId === null) {
    return record.runId ? (
      <Link to={`/evaluations/${record.runId}/show`} onClick={(event) => event.stopPropagation()}>
        {translate('carescore.notifications.open_run')}
      </Link>
    ) : null;
  }
  return (
    <Link to={`/cases/${record.caseId}/show`} onClick={(event) => event.stopPropagation()}>
      {translate('carescore.notifications.open_case')}
    </Link>
  );
}

const filters = [
  <SelectInput key="status" source="status" choices={['pending', 'sent', 'failed'].map((id) => ({ id, name: `carescore.notifications.statuses.${id}` }))} alwaysOn />,
  <SelectInput key="notify" source="notify" choices={['manager', 'director', 'quality_officer', 'admin'].map((id) => ({ id, name: `carescore.cases.notify.${id}` }))} alwaysOn />,
];

/** Escalation notices (read-only): whom they went to, on which channel, and whether delivery worked. */
export function NotificationList() {
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false}>
      <DataTable bulkActionButtons={false} rowClick={false} data-testid="notification-list">
        <DataTable.Col source="createdAt" field={DateTimeField} />
        <DataTable.Col source="status" field={StatusColumn} />
        <DataTable.Col source="notify" field={NotifyColumn} />
        <DataTable.Col source="recipients" field={RecipientsColumn} disableSort />
        <DataTable.Col source="channel" disableSort />
        <DataTable.Col source="text" field={MessageColumn} disableSort />
        <DataTable.Col source="attempts" disableSort />
        <DataTable.Col source="sentAt" field={DateTimeField} disableSort />
        <DataTable.Col source="caseId" field={CaseColumn} disableSort />
      </DataTable>
    </List>
  );
}
