import VisibilityIcon from '@mui/icons-material/Visibility';
import { Box, Card, CardActions, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { Button, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { RunStatusChip } from '../evaluations/RunStatusChip';
import type { RunStatus } from '../evaluations/types';
import { acknowledgedPercent } from './deadline';
import { PeriodActions } from './PeriodActions';
import { PeriodStateChip } from './PeriodStateChip';
import type { PeriodRecord } from './types';
import { useZonedFormat } from './useZonedFormat';

/** The window line: until when staff may acknowledge or appeal, on the institution's clock. */
export function WindowLine({ period }: { period: PeriodRecord }) {
  const translate = useTranslate();
  const { format, zone } = useZonedFormat();
  if (period.state === 'open') return <Typography variant="body2" color="text.secondary">{translate('carescore.periods.not_published')}</Typography>;
  // A closed period's window is over whatever its deadline said; a published one's ends at the deadline.
  const key = period.state === 'closed' ? 'appeal_deadline' : period.appealWindowOpen ? 'deadline' : 'window_ended';
  return (
    <Stack spacing={0.5}>
      {period.appealDeadline && (
        <Typography variant="body2" data-testid="period-deadline">
          {translate(`carescore.periods.${key}`, { deadline: format(period.appealDeadline), zone })}
        </Typography>
      )}
      {period.state === 'closed' && (
        <Typography variant="body2" color="text.secondary">
          {translate('carescore.periods.closed_at', { at: format(period.closedAt) })}
        </Typography>
      )}
    </Stack>
  );
}

/** 已确认 12/40 with a bar. */
export function AcknowledgedBar({ period }: { period: PeriodRecord }) {
  const translate = useTranslate();
  return (
    <Box data-testid="period-acknowledged">
      <Typography variant="body2">{translate('carescore.periods.acknowledged', { acknowledged: period.counts.acknowledged, staff: period.counts.staff })}</Typography>
      <LinearProgress variant="determinate" value={acknowledgedPercent(period.counts)} sx={{ height: 6, borderRadius: 3, mt: 0.5 }} />
    </Box>
  );
}

/** One period on the board: state, runs, acknowledgements, the window and the admin's next step. */
export function PeriodCard({ period }: { period: PeriodRecord }) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ height: '100%', display: 'flex', flexDirection: 'column' }} data-testid="period-card" data-period={period.period}>
      <CardContent sx={{ flexGrow: 1 }}>
        <Stack spacing={1.5}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
            <Typography variant="h6" component="h2">
              {period.period}
            </Typography>
            <PeriodStateChip state={period.state} />
          </Stack>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
            <Typography variant="body2">{period.runs > 0 ? translate('carescore.periods.runs', { smart_count: period.runs }) : translate('carescore.periods.no_runs')}</Typography>
            {period.lastRunStatus && <RunStatusChip status={period.lastRunStatus as RunStatus} />}
          </Stack>
          <AcknowledgedBar period={period} />
          <Typography variant="body2" color="text.secondary">
            {translate('carescore.periods.appeals', { appealed: period.counts.appealed, open: period.counts.openAppeals, corrected: period.counts.corrected })}
          </Typography>
          <WindowLine period={period} />
        </Stack>
      </CardContent>
      <CardActions sx={{ justifyContent: 'space-between', flexWrap: 'wrap', gap: 1 }}>
        <Button component={Link} to={`/periods/${encodeURIComponent(period.id)}/show`} label="carescore.periods.open_period">
          <VisibilityIcon />
        </Button>
        <PeriodActions period={period} />
      </CardActions>
    </Card>
  );
}
