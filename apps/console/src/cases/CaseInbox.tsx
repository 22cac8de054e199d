import { Alert, Box, Card, LinearProgress, List, ListItemButton, ListItemText, Table, TableBody, TableCell, TableHead, TableRow, type Theme, ToggleButton, ToggleButtonGroup, Typography, useMediaQuery } from '@mui/material';
import { useLocalized } from '../common/localized';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { RecordContextProvider, Title, usePermissions, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { CaseBadges, SlaCountdown } from './CaseBadges';
import { CaseAssigneeField, CaseStaffField, CaseStageField, CaseWorkflowField } from './CaseColumns';
import { CASE_KINDS, type CaseKind, casesApi } from './casesApi';
import { CasesNav } from './CasesNav';

const COLUMNS = ['dueAt', 'staffName', 'workflowKey', 'stage', 'assigneeId', 'sla'] as const;

/** The open cases waiting for the signed-in user, soonest due first (the API orders them), of one kind or all. */
export function CaseInbox() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { permissions } = usePermissions<string>();
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const localized = useLocalized();
  const [kind, setKind] = useState<CaseKind | 'all'>('all');
  const [view, setView] = useState<'mine' | 'others'>('mine');
  const { data: all, error, isPending } = useQuery({ queryKey: ['cases', 'inbox', view], queryFn: () => casesApi.inbox(view) });
  // Quality officers and admins also follow what waits on managers and staff.
  const watchesOthers = permissions === 'quality_officer' || permissions === 'admin';
  const data = all && kind !== 'all' ? all.filter((record) => record.kind === kind) : all;
  const count = (value: CaseKind | 'all') => (all ? (value === 'all' ? all.length : all.filter((record) => record.kind === value).length) : 0);
  return (
    <Box>
      <Title title={translate('carescore.cases.inbox.title')} />
      <CasesNav />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('carescore.cases.inbox.subtitle')}
      </Typography>
      {watchesOthers && (
        <ToggleButtonGroup size="small" exclusive value={view} onChange={(_, value: 'mine' | 'others' | null) => value && setView(value)} sx={{ mb: 1, mr: 1 }} data-testid="inbox-view">
          <ToggleButton value="mine" data-testid="inbox-view-mine">
            {translate('carescore.cases.inbox.view_mine')}
          </ToggleButton>
          <ToggleButton value="others" data-testid="inbox-view-others">
            {translate('carescore.cases.inbox.view_others')}
          </ToggleButton>
        </ToggleButtonGroup>
      )}
      <ToggleButtonGroup
        size="small"
        exclusive
        value={kind}
        onChange={(_, value: CaseKind | 'all' | null) => value && setKind(value)}
        aria-label={translate('carescore.cases.inbox.kind_filter')}
        sx={{ mb: 1, flexWrap: 'wrap' }}
        data-testid="inbox-kind"
      >
        {(['all', ...CASE_KINDS] as const).map((value) => (
          <ToggleButton key={value} value={value} data-testid={`inbox-kind-${value}`}>
            {value === 'all' ? translate('carescore.cases.inbox.all_kinds') : translate(`carescore.cases.kinds.${value}`)} ({count(value)})
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {error && <Alert severity="error">{error.message}</Alert>}
      {isPending && <LinearProgress />}
      {data && data.length === 0 && (
        <Alert severity="success" data-testid="inbox-empty">
          {translate(kind === 'all' ? 'carescore.cases.inbox.empty' : 'carescore.cases.inbox.empty_kind')}
        </Alert>
      )}
      {data && data.length > 0 && phone && (
        // A phone: one line per case, most urgent first, no table to scroll.
        <Card>
          <List dense disablePadding data-testid="case-inbox">
            {data.map((record) => (
              <ListItemButton key={record.id} onClick={() => navigate(`/cases/${record.id}/show`)} data-testid="inbox-row" data-case-id={record.id} data-kind={record.kind} divider>
                <ListItemText primary={`${record.staffName} · ${localized(record.workflowName, record.workflowKey)}`} secondary={localized(record.stageName, record.stage ?? '')} />
                <SlaCountdown record={record} />
              </ListItemButton>
            ))}
          </List>
        </Card>
      )}
      {data && data.length > 0 && !phone && (
        <Card>
          <Table size="small" data-testid="case-inbox">
            <TableHead>
              <TableRow>
                {COLUMNS.map((column) => (
                  <TableCell key={column}>{translate(`resources.cases.fields.${column}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((record) => (
                <RecordContextProvider key={record.id} value={record}>
                  <TableRow hover sx={{ cursor: 'pointer' }} onClick={() => navigate(`/cases/${record.id}/show`)} data-testid="inbox-row" data-case-id={record.id} data-kind={record.kind}>
                    <TableCell>
                      <SlaCountdown record={record} />
                    </TableCell>
                    <TableCell>
                      <CaseStaffField />
                    </TableCell>
                    <TableCell>
                      <CaseWorkflowField />
                    </TableCell>
                    <TableCell>
                      <CaseStageField />
                    </TableCell>
                    <TableCell>
                      <CaseAssigneeField />
                    </TableCell>
                    <TableCell>
                      <CaseBadges record={record} />
                    </TableCell>
                  </TableRow>
                </RecordContextProvider>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </Box>
  );
}
