import { Alert, Box, CircularProgress, Grid, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { apiErrorText, experimentsApi } from '../experimentsApi';
import type { ExperimentRecord } from '../types';
import { BandHeatmap } from './BandHeatmap';
import { ChangesCard } from './ChangesCard';
import { ComparisonSummary } from './ComparisonSummary';
import { DeltaHistogram } from './DeltaHistogram';
import { GroupBreakdown } from './GroupBreakdown';
import { PeriodPicker } from './PeriodPicker';
import { RankScatter } from './RankScatter';
import { StaffTable } from './StaffTable';
import { useBandNames, useStaffNames, useTeamNames } from './useReportContext';

/** Shadow mode: the same staff scored by the champion (official) and the challenger (shadow) in one period. */
export function ShadowReport({ experiment }: { experiment: ExperimentRecord }) {
  const translate = useTranslate();
  const [period, setPeriod] = useState(experiment.periods[0]);
  const report = useQuery({ queryKey: ['experiments', experiment.id, 'report', period], queryFn: () => experimentsApi.report(experiment.id, period) });
  const bandName = useBandNames(experiment.champion, experiment.challenger);
  const teamName = useTeamNames();
  const names = useStaffNames((report.data?.staff ?? []).map((row) => row.staffId));
  const data = report.data;
  return (
    <Box data-testid="shadow-report">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <Typography variant="h6">{translate('carescore.experiments.report.shadow_title')}</Typography>
        <PeriodPicker periods={experiment.periods} value={period} onChange={setPeriod} />
      </Stack>
      {report.isPending ? <CircularProgress size={24} /> : null}
      {report.error ? <Alert severity="error">{apiErrorText(report.error)}</Alert> : null}
      {data && data.staff.length === 0 ? (
        <Alert severity="info" data-testid="report-empty">
          {translate(experiment.status === 'draft' ? 'carescore.experiments.report.empty_draft' : 'carescore.experiments.report.empty', { period })}
        </Alert>
      ) : null}
      {data && data.staff.length > 0 ? (
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">
            {translate('carescore.experiments.report.runs', { smart_count: data.runIds.length, runs: data.runIds.map((id) => id.slice(0, 8)).join(', ') })}
          </Typography>
          <ComparisonSummary comparison={data.overall} />
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, lg: 6 }}>
              <DeltaHistogram comparison={data.overall} />
            </Grid>
            <Grid size={{ xs: 12, lg: 6 }}>
              <RankScatter staff={data.staff} names={names} />
            </Grid>
            <Grid size={{ xs: 12, lg: 6 }}>
              <BandHeatmap comparison={data.overall} bandName={bandName} />
            </Grid>
            <Grid size={{ xs: 12, lg: 6 }}>
              <ChangesCard staff={data.staff} names={names} />
            </Grid>
            <Grid size={{ xs: 12, xl: 6 }}>
              <GroupBreakdown testId="by-team" title={translate('carescore.experiments.report.by_team')} groups={data.byTeam.map((group) => ({ ...group, label: group.teamId ? teamName(group.teamId) : translate('carescore.experiments.report.no_team') }))} />
            </Grid>
            <Grid size={{ xs: 12, xl: 6 }}>
              <GroupBreakdown
                testId="by-tier"
                title={translate('carescore.experiments.report.by_tier')}
                groups={data.byTier.map((group) => ({ ...group, label: group.tier ? translate(`carescore.tiers.${group.tier}`, { _: group.tier }) : translate('carescore.experiments.report.no_tier') }))}
              />
            </Grid>
          </Grid>
          <StaffTable staff={data.staff} names={names} teamName={teamName} bandName={bandName} />
        </Stack>
      ) : null}
    </Box>
  );
}
