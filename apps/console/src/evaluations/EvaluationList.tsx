import { CreateButton, DataTable, List, ReferenceInput, SelectInput, TopToolbar, useRecordContext } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { PeriodInput } from '../common/PeriodInput';
import { TeamOption } from '../common/TeamField';
import { listPollInterval } from './runState';
import { RunProgressBar } from './RunProgressBar';
import { RunStatusChip } from './RunStatusChip';
import { RunTeamField } from './RunTeamField';
import { RUN_STATUSES, type RunRecord } from './types';

const statusChoices = RUN_STATUSES.map((id) => ({ id, name: `carescore.evaluations.statuses.${id}` }));

const filters = [
  <PeriodInput key="period" source="period" alwaysOn />,
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <ReferenceInput key="teamId" source="teamId" reference="teams" sort={{ field: 'name', order: 'ASC' }} perPage={200}>
    <SelectInput optionText={<TeamOption />} />
  </ReferenceInput>,
];

function StatusCell() {
  const run = useRecordContext<RunRecord>();
  return <RunStatusChip status={run?.status} />;
}

function ProgressCell() {
  const run = useRecordContext<RunRecord>();
  return run ? <RunProgressBar run={run} compact /> : null;
}

function ErrorCount() {
  const run = useRecordContext<RunRecord>();
  if (!run) return null;
  return <span data-testid="run-error-count">{run.errors.length}</span>;
}

/** Every evaluation run of the institution, newest first, refreshed while one is under way; admins and quality officers may start one. */
export function EvaluationList() {
  return (
    <List
      queryOptions={{ refetchInterval: (query: { state: { data?: { data?: RunRecord[] } } }) => listPollInterval(query.state.data?.data) }}
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      actions={
        <TopToolbar>
          <CreateButton label="carescore.evaluations.start" data-testid="start-run" />
        </TopToolbar>
      }
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="status">
          <StatusCell />
        </DataTable.Col>
        <DataTable.Col source="period" />
        <DataTable.Col source="teamId" disableSort>
          <RunTeamField />
        </DataTable.Col>
        <DataTable.Col source="progress" disableSort>
          <ProgressCell />
        </DataTable.Col>
        <DataTable.Col source="startedAt" field={DateTimeField} disableSort />
        <DataTable.Col source="finishedAt" field={DateTimeField} />
        <DataTable.Col source="errors" disableSort>
          <ErrorCount />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
