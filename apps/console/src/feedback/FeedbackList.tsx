import AddCommentIcon from '@mui/icons-material/AddComment';
import { Chip, Stack } from '@mui/material';
import {
  AutocompleteInput,
  Button,
  DataTable,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextInput,
  TopToolbar,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { DateTimeField } from '../common/DateTimeField';
import { TeamField, TeamOption } from '../common/TeamField';
import { recentPeriods } from '../cases/sla';
import { usePeriods } from '../common/PeriodInput';
import { ResponseRatesPanel } from '../surveys/ResponseRatesPanel';

export interface FeedbackRecord {
  id: string;
  responseId: string;
  staffId: string;
  staffCode: string;
  staffName: string;
  teamId: string | null;
  customerRef: string | null;
  channel: string | null;
  likert: Record<string, number>;
  nps: number | null;
  comment: string | null;
  respondedAt: string;
  period: string;
  caseIds: string[];
  createdAt: string;
}

interface ColumnProps {
  label?: string;
  source?: string;
  sortable?: boolean;
}

function StaffColumn(_props: ColumnProps) {
  const record = useRecordContext<FeedbackRecord>();
  if (!record) return null;
  return (
    <span>
      <b>{record.staffCode}</b> {record.staffName}
    </span>
  );
}

/** Likert answers and the NPS rating as chips, the low ones in red. */
function RatingsColumn(_props: ColumnProps) {
  const record = useRecordContext<FeedbackRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {Object.entries(record.likert).map(([dimension, value]) => (
        <Chip key={dimension} size="small" color={value <= 2 ? 'error' : 'default'} label={`${translate(`carescore.feedback.dimensions.${dimension}`, { _: dimension })} ${value}`} />
      ))}
      {record.nps !== null && <Chip size="small" color={record.nps <= 6 ? 'error' : 'default'} label={`NPS ${record.nps}`} />}
    </Stack>
  );
}

/** Links to the cases the response opened. */
function CasesColumn(_props: ColumnProps) {
  const record = useRecordContext<FeedbackRecord>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.caseIds.length === 0) return <span>{translate('carescore.feedback.no_case')}</span>;
  return (
    <Stack direction="row" spacing={0.5}>
      {record.caseIds.map((id) => (
        <Chip key={id} size="small" color="warning" clickable component={Link} to={`/cases/${id}/show`} onClick={(event: React.MouseEvent) => event.stopPropagation()} label={translate('carescore.feedback.open_case')} data-testid="feedback-case-link" />
      ))}
    </Stack>
  );
}

function CommentColumn(_props: ColumnProps) {
  const record = useRecordContext<FeedbackRecord>();
  if (!record?.comment) return null;
  return <span title={record.comment}>{record.comment.length > 60 ? `${record.comment.slice(0, 60)}…` : record.comment}</span>;
}

function RecordButton() {
  const { canAccess } = useCanAccess({ resource: 'feedback', action: 'create' });
  if (!canAccess) return null;
  return (
    <Button component={Link} to="/feedback/create" label="carescore.feedback.create" data-testid="feedback-create">
      <AddCommentIcon />
    </Button>
  );
}

function useFilters() {
  const periods = [...new Set([...recentPeriods(new Date()), ...usePeriods()])];
  return [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="period" source="period" choices={periods.map((id) => ({ id, name: id }))} translateChoice={false} alwaysOn />,
    <TextInput key="channel" source="channel" alwaysOn />,
    <ReferenceInput key="staffId" source="staffId" reference="staff" sort={{ field: 'code', order: 'ASC' }}>
      <AutocompleteInput optionText={(staff: { code: string; name: string }) => `${staff.code} ${staff.name}`} filterToQuery={(q: string) => ({ q })} />
    </ReferenceInput>,
    <ReferenceInput key="teamId" source="teamId" reference="teams" sort={{ field: 'name', order: 'ASC' }} perPage={200}>
      <SelectInput optionText={<TeamOption />} />
    </ReferenceInput>,
  ];
}

/** Survey responses, newest first, with their ratings and the cases they opened. */
export function FeedbackList() {
  return (
    <List
      filters={useFilters()}
      sort={{ field: 'respondedAt', order: 'DESC' }}
      exporter={false}
      actions={
        <TopToolbar>
          <RecordButton />
        </TopToolbar>
      }
    >
      <ResponseRatesPanel />
      <DataTable bulkActionButtons={false} rowClick={false} data-testid="feedback-list">
        <DataTable.Col source="respondedAt" field={DateTimeField} />
        <DataTable.Col source="responseId" />
        <DataTable.Col source="staffCode" field={StaffColumn} />
        <DataTable.Col source="teamId" disableSort>
          <TeamField />
        </DataTable.Col>
        <DataTable.Col source="channel" disableSort />
        <DataTable.Col source="likert" field={RatingsColumn} disableSort />
        <DataTable.Col source="comment" field={CommentColumn} disableSort />
        <DataTable.Col source="caseIds" field={CasesColumn} disableSort />
      </DataTable>
    </List>
  );
}
