import { Alert, Box, CircularProgress, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { pickLocalized } from '../../common/localized';
import { usePeriods } from '../../common/PeriodInput';
import { apiErrorText, experimentsApi } from '../experimentsApi';
import type { ExperimentRecord } from '../types';
import { AssignmentPanel } from './AssignmentPanel';
import { ChartCard } from '../../common/ChartCard';
import { OutcomeChart } from './OutcomeChart';
import { useIndicatorChoices } from './useReportContext';

/** Indicators that measure outcomes (satisfaction, NPS, renewal) are the likely choice; otherwise the first. */
const PREFERRED = ['satisfaction', 'nps', 'renewal', 'renewal_rate'];

function OutcomePanel({ experiment }: { experiment: ExperimentRecord }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const bound = usePeriods();
  const periods = [...new Set([...experiment.periods, ...bound])].sort();
  const indicators = useIndicatorChoices(experiment.challenger);
  const [period, setPeriod] = useState(experiment.periods[0]);
  const [chosen, setChosen] = useState<string | null>(null);
  const indicator = chosen ?? indicators.find((choice) => PREFERRED.includes(choice.id))?.id ?? indicators[0]?.id ?? '';
  const outcomes = useQuery({
    queryKey: ['experiments', experiment.id, 'outcomes', period, indicator],
    queryFn: () => experimentsApi.outcomes(experiment.id, period, indicator),
    enabled: indicator !== '',
  });
  const indicatorName = indicators.find((choice) => choice.id === indicator)?.name ?? indicator;
  return (
    <ChartCard testId="outcomes" title={translate('carescore.experiments.report.outcomes_title')} caption={translate('carescore.experiments.report.outcomes_help')}>
      <Stack direction="row" spacing={2} sx={{ my: 1 }}>
        <TextField select size="small" label={translate('resources.experiments.fields.period')} value={period} onChange={(event) => setPeriod(event.target.value)} slotProps={{ htmlInput: { 'data-testid': 'outcome-period' } }} sx={{ minWidth: 140 }}>
          {periods.map((value) => (
            <MenuItem key={value} value={value}>
              {value}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label={translate('carescore.experiments.report.indicator')} value={indicator} onChange={(event) => setChosen(event.target.value)} slotProps={{ htmlInput: { 'data-testid': 'outcome-indicator' } }} sx={{ minWidth: 320 }}>
          {indicators.map((choice) => (
            <MenuItem key={choice.id} value={choice.id}>
              {choice.name}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {outcomes.isFetching && !outcomes.data ? <CircularProgress size={24} /> : null}
      {outcomes.error ? <Alert severity="error">{apiErrorText(outcomes.error)}</Alert> : null}
      {outcomes.data ? (
        <>
          <Alert severity={outcomes.data.verdict.verdict === 'insufficient_data' ? 'warning' : outcomes.data.verdict.verdict === 'no_difference' ? 'info' : 'success'} data-testid="verdict" sx={{ mb: 2 }}>
            {pickLocalized(outcomes.data.verdict.text, locale)}
          </Alert>
          {outcomes.data.basis ? (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="outcome-basis">
              {translate(`carescore.experiments.report.basis.${outcomes.data.basis}`)}
              {outcomes.data.staff ? ` ${translate('carescore.experiments.report.basis_staff', { champion: outcomes.data.staff.champion, challenger: outcomes.data.staff.challenger })}` : ''}
            </Typography>
          ) : null}
          <OutcomeChart outcomes={outcomes.data} indicatorName={indicatorName} />
        </>
      ) : null}
    </ChartCard>
  );
}

/** Split mode: the assignment of units to arms, and an outcome indicator per arm with Welch's interval and the verdict. */
export function SplitReport({ experiment }: { experiment: ExperimentRecord }) {
  const translate = useTranslate();
  const assignment = useQuery({ queryKey: ['experiments', experiment.id, 'assignment', experiment.challengerPercent], queryFn: () => experimentsApi.assignment(experiment.id) });
  return (
    <Box data-testid="split-report">
      <Typography variant="h6" sx={{ mb: 2 }}>
        {translate('carescore.experiments.report.split_title')}
      </Typography>
      <Stack spacing={2}>
        {assignment.isPending ? <CircularProgress size={24} /> : null}
        {assignment.error ? <Alert severity="error">{apiErrorText(assignment.error)}</Alert> : null}
        {assignment.data ? <AssignmentPanel assignment={assignment.data} /> : null}
        <OutcomePanel experiment={experiment} />
      </Stack>
    </Box>
  );
}
