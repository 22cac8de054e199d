import { Card, CardContent, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { Loading, RecordContextProvider, Show, useRecordContext, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { RunStatusChip } from '../evaluations/RunStatusChip';
import type { RunStatus } from '../evaluations/types';
import { TeamField } from '../common/TeamField';
import { AcknowledgedBar, WindowLine } from './PeriodCard';
import { PeriodActions } from './PeriodActions';
import { PeriodStateChip } from './PeriodStateChip';
import type { PeriodDetail } from './types';
import { useZonedFormat } from './useZonedFormat';

function RunList({ period }: { period: PeriodDetail }) {
  const translate = useTranslate();
  const { format } = useZonedFormat();
  const label = (key: string) => translate(`carescore.periods.${key}`);
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {label('run_list')}
        </Typography>
        <TableContainer sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="period-runs">
            <TableHead>
              <TableRow>
                <TableCell>{translate('resources.evaluations.fields.status')}</TableCell>
                <TableCell>{label('run_team')}</TableCell>
                <TableCell>{label('run_created')}</TableCell>
                <TableCell>{label('run_finished')}</TableCell>
                <TableCell>{label('run_reason')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {period.runList.map((run) => (
                <TableRow key={run.id} hover>
                  <TableCell>
                    <Link to={`/evaluations/${run.id}/show`}>
                      <RunStatusChip status={run.status as RunStatus} />
                    </Link>
                  </TableCell>
                  <TableCell>{run.teamId ? (
                      <RecordContextProvider value={run}>
                        <TeamField />
                      </RecordContextProvider>
                    ) : (
                      label('all_teams')
                    )}</TableCell>
                  <TableCell>{format(run.createdAt)}</TableCell>
                  <TableCell>{format(run.finishedAt)}</TableCell>
                  <TableCell data-testid="period-run-reason">{run.reason ?? label('no_reason')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </CardContent>
    </Card>
  );
}

function PeriodDetails() {
  const period = useRecordContext<PeriodDetail>();
  if (!period) return null;
  // Until the detail arrives, react-admin shows the board's record (no run list).
  if (!period.runList) return <Loading />;
  return (
    <Stack spacing={2} sx={{ p: { xs: 1, sm: 2 } }} data-testid="period-detail">
      <Card variant="outlined">
        <CardContent>
          <Stack spacing={1.5}>
            <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
              <Typography variant="h5">{period.period}</Typography>
              <PeriodStateChip state={period.state} size="medium" />
              <PeriodActions period={period} />
            </Stack>
            <AcknowledgedBar period={period} />
            <WindowLine period={period} />
          </Stack>
        </CardContent>
      </Card>
      <RunList period={period} />
    </Stack>
  );
}

/** A period with its runs (and why a published period was evaluated again). */
export function PeriodShow() {
  return (
    <Show actions={false} sx={{ '& .RaShow-card': { bgcolor: 'transparent', boxShadow: 'none' } }}>
      <PeriodDetails />
    </Show>
  );
}
