import type { ReactElement } from 'react';
import { type Theme, useMediaQuery } from '@mui/material';
import { AutocompleteInput, DataTable, List, NullableBooleanInput, ReferenceInput, SearchInput, SelectInput, SimpleList, usePermissions } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { useLocalized } from '../common/localized';
import { usePeriods } from '../common/PeriodInput';
import { TeamField, TeamOption } from '../common/TeamField';
import { session } from '../providers/session';
import { CaseBadgesField, SlaCountdown, SlaCountdownField } from './CaseBadges';
import type { CaseRecord } from './casesApi';
import { CaseAssigneeField, CaseStaffField, CaseStageField, CaseWorkflowField } from './CaseColumns';
import { CasesNav } from './CasesNav';
import { recentPeriods } from './sla';
import { useWorkflowStages } from './useWorkflowStages';

const statusChoices = ['open', 'closed'].map((id) => ({ id, name: `carescore.cases.statuses.${id}` }));
const kindChoices = ['feedback', 'zone', 'appeal'].map((id) => ({ id, name: `carescore.cases.kinds.${id}` }));

/** The filters a role can use: staff see only their own cases and may not read staff, teams or users. */
function useCaseFilters(): ReactElement[] {
  const { permissions } = usePermissions<string>();
  const reader = permissions !== undefined && permissions !== 'staff';
  const stages = useWorkflowStages(reader);
  const knownPeriods = usePeriods();
  const localized = useLocalized();
  const periods = [...new Set([...recentPeriods(new Date()), ...knownPeriods])];
  const me = session.user();
  const filters: ReactElement[] = [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
    <NullableBooleanInput key="overdue" source="overdue" alwaysOn />,
    <SelectInput key="kind" source="kind" choices={kindChoices} alwaysOn />,
    <SelectInput key="period" source="period" choices={periods.map((id) => ({ id, name: id }))} translateChoice={false} alwaysOn />,
    <NullableBooleanInput key="breached" source="breached" />,
  ];
  if (!reader) return filters;
  filters.splice(2, 0, <SelectInput key="stage" source="stage" choices={stages.map((stage) => ({ id: stage.id, name: localized(stage.name, stage.id) }))} translateChoice={false} alwaysOn />);
  filters.push(
    permissions === 'admin' ? (
      <ReferenceInput key="assigneeId" source="assigneeId" reference="users" sort={{ field: 'name', order: 'ASC' }} perPage={200}>
        <SelectInput optionText="name" />
      </ReferenceInput>
    ) : (
      <SelectInput key="assigneeId" source="assigneeId" choices={me ? [{ id: me.id, name: 'carescore.cases.assign.me' }] : []} />
    ),
    <ReferenceInput key="staffId" source="staffId" reference="staff" sort={{ field: 'code', order: 'ASC' }}>
      <AutocompleteInput optionText={(staff: { code: string; name: string }) => `${staff.code} ${staff.name}`} filterToQuery={(q: string) => ({ q })} />
    </ReferenceInput>,
    <ReferenceInput key="teamId" source="teamId" reference="teams" sort={{ field: 'name', order: 'ASC' }} perPage={200}>
      <SelectInput optionText={<TeamOption />} />
    </ReferenceInput>,
  );
  return filters;
}

/** Every case in the caller's scope, newest first, with the SLA countdown and breach badges. */
export function CaseList() {
  const filters = useCaseFilters();
  const { permissions } = usePermissions<string>();
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const localized = useLocalized();
  return (
    <>
      <CasesNav />
      <List filters={filters} sort={{ field: 'openedAt', order: 'DESC' }} filterDefaultValues={{ status: 'open' }} exporter={false}>
        {phone ? (
          // A phone: one line per case (who, which loop and stage, time left), no table to scroll.
          <SimpleList<CaseRecord>
            linkType="show"
            primaryText={(record) => `${record.staffName} · ${localized(record.workflowName, record.workflowKey)}`}
            secondaryText={(record) => localized(record.stageName, record.stage ?? '')}
            tertiaryText={(record) => <SlaCountdown record={record} />}
            data-testid="case-simple-list"
          />
        ) : (
        <DataTable rowClick="show" bulkActionButtons={false} data-testid="case-list">
          <DataTable.Col source="staffCode" field={CaseStaffField} />
          {permissions !== 'staff' && (
            <DataTable.Col source="teamId" disableSort>
              <TeamField />
            </DataTable.Col>
          )}
          <DataTable.Col source="workflowKey" field={CaseWorkflowField} />
          <DataTable.Col source="stage" field={CaseStageField} />
          <DataTable.Col source="assigneeId" field={CaseAssigneeField} disableSort />
          <DataTable.Col source="openedAt" field={DateTimeField} />
          <DataTable.Col source="dueAt" field={SlaCountdownField} />
          <DataTable.Col source="sla" field={CaseBadgesField} disableSort />
        </DataTable>
        )}
      </List>
    </>
  );
}
