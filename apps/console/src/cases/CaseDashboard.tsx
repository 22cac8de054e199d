import { Alert, Box, Card, CardContent, Grid, LinearProgress, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useGetList, useTranslate } from 'react-admin';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard } from '../common/ChartCard';
import { FigureCard } from '../common/FigureCard';
import { type TeamName, useLocalized, useTeamName } from '../common/localized';
import { type CaseDashboard as Dashboard, casesApi, type TeamSla } from './casesApi';
import { CasesNav } from './CasesNav';
import { useDateTime } from './CaseTimeline';
import { percent, recentPeriods } from './sla';

/** A team's name in the console's language (the dashboard carries only the Chinese one). */
function useTeamLabel(): (team: TeamSla) => string {
  const translate = useTranslate();
  const teamName = useTeamName();
  const { data: teams } = useGetList<TeamName & { id: string }>('teams', { pagination: { page: 1, perPage: 1000 }, sort: { field: 'name', order: 'ASC' } });
  return (team) => {
    const known = teams?.find((candidate) => candidate.id === team.teamId);
    return known ? teamName(known) : (team.teamName ?? translate('carescore.cases.dashboard.no_team'));
  };
}

function TeamChart({ teams }: { teams: TeamSla[] }) {
  const translate = useTranslate();
  const teamLabel = useTeamLabel();
  const rows = teams.map((team) => ({
    team: teamLabel(team),
    open: team.open,
    overdue: team.overdue,
    sla: team.slaCompliance === null ? null : Math.round(team.slaCompliance * 1000) / 10,
  }));
  return (
    <Box sx={{ width: '100%', height: 320 }} data-testid="team-chart">
      <ResponsiveContainer>
        <ComposedChart data={rows} margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="team" />
          <YAxis yAxisId="cases" allowDecimals={false} />
          <YAxis yAxisId="percent" orientation="right" domain={[0, 100]} unit="%" />
          <Tooltip />
          <Legend />
          <Bar yAxisId="cases" dataKey="open" name={translate('carescore.cases.dashboard.open')} fill="#1976d2" isAnimationActive={false} />
          <Bar yAxisId="cases" dataKey="overdue" name={translate('carescore.cases.dashboard.overdue')} fill="#d32f2f" isAnimationActive={false} />
          <Line yAxisId="percent" dataKey="sla" name={translate('carescore.cases.dashboard.sla_compliance')} stroke="#2e7d32" strokeWidth={2} connectNulls unit="%" isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </Box>
  );
}

function TeamTable({ teams }: { teams: TeamSla[] }) {
  const translate = useTranslate();
  const teamLabel = useTeamLabel();
  const columns = ['team', 'open', 'overdue', 'opened', 'closed', 'closed_in_sla', 'sla_compliance', 'stage_compliance'];
  return (
    <Table size="small" data-testid="team-table">
      <TableHead>
        <TableRow>
          {columns.map((column) => (
            <TableCell key={column} align={column === 'team' ? 'left' : 'right'}>
              {translate(`carescore.cases.dashboard.${column}`)}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {teams.map((team) => (
          <TableRow key={team.teamId ?? 'none'} data-testid="team-row" data-team-id={team.teamId ?? ''}>
            <TableCell>{teamLabel(team)}</TableCell>
            <TableCell align="right" data-testid="team-open">
              {team.open}
            </TableCell>
            <TableCell align="right" data-testid="team-overdue">
              {team.overdue}
            </TableCell>
            <TableCell align="right">{team.opened}</TableCell>
            <TableCell align="right" data-testid="team-closed">
              {team.closed}
            </TableCell>
            <TableCell align="right">{team.closedInSla}</TableCell>
            <TableCell align="right" data-testid="team-sla">
              {percent(team.slaCompliance)}
            </TableCell>
            <TableCell align="right">{percent(team.stageCompliance)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function StageTable({ dashboard }: { dashboard: Dashboard }) {
  const translate = useTranslate();
  const localized = useLocalized();
  return (
    <Table size="small" data-testid="stage-table">
      <TableHead>
        <TableRow>
          {['workflow', 'stage', 'open', 'overdue'].map((column) => (
            <TableCell key={column} align={column === 'open' || column === 'overdue' ? 'right' : 'left'}>
              {translate(`carescore.cases.dashboard.${column}`)}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {dashboard.byStage.map((row) => (
          <TableRow key={`${row.workflowKey}/${row.stage}`}>
            <TableCell>{row.workflowKey}</TableCell>
            <TableCell>{localized(row.stageName, row.stage)}</TableCell>
            <TableCell align="right">{row.open}</TableCell>
            <TableCell align="right">{row.overdue}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Open and overdue cases now, and SLA compliance per team (for a period, or all time). */
export function CaseDashboard() {
  const translate = useTranslate();
  const dateTime = useDateTime();
  const [period, setPeriod] = useState('');
  const { data, error, isPending } = useQuery({ queryKey: ['cases', 'dashboard', period], queryFn: () => casesApi.dashboard(period || null) });
  return (
    <Box>
      <Title title={translate('carescore.cases.dashboard.title')} />
      <CasesNav />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <TextField select size="small" label={translate('carescore.cases.dashboard.period')} value={period} onChange={(event) => setPeriod(event.target.value)}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
          sx={{ width: 240 }}
          data-testid="dashboard-period"
        >
          <MenuItem value="">{translate('carescore.cases.dashboard.all_time')}</MenuItem>
          {recentPeriods(new Date()).map((id) => (
            <MenuItem key={id} value={id}>
              {id}
            </MenuItem>
          ))}
        </TextField>
        {data && (
          <Typography variant="body2" color="text.secondary">
            {translate('carescore.cases.dashboard.as_of', { at: dateTime(data.asOf) })}
          </Typography>
        )}
      </Stack>
      {error && <Alert severity="error">{error.message}</Alert>}
      {isPending && <LinearProgress />}
      {data && (
        <Stack spacing={2} data-testid="case-dashboard">
          <Grid container spacing={2}>
            <Grid size={{ xs: 6, md: 2.4 }}>
              <FigureCard label={translate('carescore.cases.dashboard.open')} value={data.open} testId="figure-open" />
            </Grid>
            <Grid size={{ xs: 6, md: 2.4 }}>
              <FigureCard label={translate('carescore.cases.dashboard.overdue')} value={data.overdue} testId="figure-overdue" color={data.overdue > 0 ? 'error.main' : undefined} />
            </Grid>
            <Grid size={{ xs: 6, md: 2.4 }}>
              <FigureCard label={translate('carescore.cases.dashboard.opened')} value={data.opened} testId="figure-opened" />
            </Grid>
            <Grid size={{ xs: 6, md: 2.4 }}>
              <FigureCard label={translate('carescore.cases.dashboard.closed')} value={data.closed} testId="figure-closed" />
            </Grid>
            <Grid size={{ xs: 12, md: 2.4 }}>
              <FigureCard label={translate('carescore.cases.dashboard.sla_compliance')} value={percent(data.slaCompliance)} testId="figure-sla" />
            </Grid>
          </Grid>
          {data.teams.length === 0 ? (
            <Alert severity="info">{translate('carescore.cases.dashboard.empty')}</Alert>
          ) : (
            <Card variant="outlined">
              <CardContent>
                <Typography variant="subtitle1" gutterBottom>
                  {translate('carescore.cases.dashboard.chart')}
                </Typography>
                <TeamChart teams={data.teams} />
                <Typography variant="subtitle1" sx={{ mt: 2 }} gutterBottom>
                  {translate('carescore.cases.dashboard.by_team')}
                </Typography>
                <TeamTable teams={data.teams} />
              </CardContent>
            </Card>
          )}
          {data.byStage.length > 0 && (
            <ChartCard title={translate('carescore.cases.dashboard.by_stage')}>
              <StageTable dashboard={data} />
            </ChartCard>
          )}
        </Stack>
      )}
    </Box>
  );
}
