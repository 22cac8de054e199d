import { Alert, Box, Card, LinearProgress, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { RecordContextProvider, Title, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { CaseBadges, SlaCountdown } from './CaseBadges';
import { CaseAssigneeField, CaseStaffField, CaseStageField, CaseWorkflowField } from './CaseColumns';
import { casesApi } from './casesApi';
import { CasesNav } from './CasesNav';

const COLUMNS = ['dueAt', 'staffName', 'workflowKey', 'stage', 'assigneeId', 'sla'] as const;

/** The open cases waiting for the signed-in user, soonest due first (the API orders them). */
export function CaseInbox() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { data, error, isPending } = useQuery({ queryKey: ['cases', 'inbox'], queryFn: casesApi.inbox });
  return (
    <Box>
      <Title title={translate('carescore.cases.inbox.title')} />
      <CasesNav />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('carescore.cases.inbox.subtitle')}
      </Typography>
      {error && <Alert severity="error">{error.message}</Alert>}
      {isPending && <LinearProgress />}
      {data && data.length === 0 && (
        <Alert severity="success" data-testid="inbox-empty">
          {translate('carescore.cases.inbox.empty')}
        </Alert>
      )}
      {data && data.length > 0 && (
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
                  <TableRow hover sx={{ cursor: 'pointer' }} onClick={() => navigate(`/cases/${record.id}/show`)} data-testid="inbox-row" data-case-id={record.id}>
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
