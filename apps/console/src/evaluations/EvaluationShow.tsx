import ListAltIcon from '@mui/icons-material/ListAlt';
import { Alert, Box, Chip, Grid, Stack, Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import { Button, Show, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { ChartCard } from '../common/ChartCard';
import { scorecardListPath } from '../scorecards/paths';
import { RunProgressBar } from './RunProgressBar';
import { RunStatusChip } from './RunStatusChip';
import { RunTeamField } from './RunTeamField';
import { formatDuration, orderedCounts, pollInterval } from './runState';
import type { RunDetail, RunTimings } from './types';

const TIMINGS: Array<keyof RunTimings> = ['queuedMs', 'planMs', 'evaluateMs', 'writeMs', 'totalMs'];
const ZONE_ORDER = ['red', 'yellow', 'blue'];
const ZONE_COLOR = { red: 'error', yellow: 'warning', blue: 'info' } as const;

function When({ value }: { value: string | null }) {
  const [locale] = useLocaleState();
  return <>{value ? new Date(value).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' }) : '—'}</>;
}

function Header({ run }: { run: RunDetail }) {
  const translate = useTranslate();
  const field = (name: string) => translate(`resources.evaluations.fields.${name}`);
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h5" data-testid="run-title">
          {translate('carescore.evaluations.run_title', { period: run.period })}
        </Typography>
        <RunStatusChip status={run.status} />
        {run.status === 'succeeded' && (
          <Chip size="small" variant="outlined" color={run.current ? 'success' : 'default'} label={translate(run.current ? 'carescore.evaluations.current' : 'carescore.evaluations.replaced')} />
        )}
      </Stack>
      <Stack direction="row" spacing={3} sx={{ flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="body2">
          {field('teamId')}: <RunTeamField />
        </Typography>
        <Typography variant="body2">
          {field('createdAt')}: <When value={run.createdAt} />
        </Typography>
        <Typography variant="body2">
          {field('startedAt')}: <When value={run.startedAt} />
        </Typography>
        <Typography variant="body2" data-testid="run-finished-at">
          {field('finishedAt')}: <When value={run.finishedAt} />
        </Typography>
        <Typography variant="body2">
          {translate('carescore.evaluations.attempts')}: {run.attempts}
        </Typography>
      </Stack>
    </Stack>
  );
}

function Chunks({ run }: { run: RunDetail }) {
  const translate = useTranslate();
  const chunks = run.chunks ?? [];
  if (chunks.length === 0) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', mt: 2 }} data-testid="run-chunk-list">
      {chunks.map((chunk) => (
        <Tooltip key={chunk.index} title={`${translate('carescore.evaluations.chunk', { index: chunk.index + 1, staff: chunk.staff })}${chunk.worker ? ` · ${chunk.worker}` : ''}`}>
          <Chip
            size="small"
            color={chunk.status === 'done' ? 'success' : 'default'}
            variant={chunk.status === 'done' ? 'filled' : 'outlined'}
            label={`${chunk.index + 1}: ${translate(`carescore.evaluations.chunk_${chunk.status}`)}`}
          />
        </Tooltip>
      ))}
    </Stack>
  );
}

function Summary({ run }: { run: RunDetail }) {
  const translate = useTranslate();
  const label = (name: string) => translate(`carescore.evaluations.summary.${name}`);
  const { summary } = run;
  return (
    <Table size="small" data-testid="run-summary">
      <TableBody>
        {(['scorecards', 'withErrors', 'withoutFacts'] as const).map((key) => (
          <TableRow key={key}>
            <TableCell component="th">{label(key)}</TableCell>
            <TableCell data-testid={`summary-${key}`}>{summary[key] ?? '—'}</TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell component="th">{label('bands')}</TableCell>
          <TableCell>
            <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {orderedCounts(summary.bands).map(([band, count]) => (
                <Chip key={band} size="small" variant="outlined" label={`${band}: ${count}`} />
              ))}
            </Stack>
          </TableCell>
        </TableRow>
        <TableRow>
          <TableCell component="th">{label('zones')}</TableCell>
          <TableCell>
            <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {orderedCounts(summary.zones, ZONE_ORDER).map(([zone, count]) => (
                <Chip
                  key={zone}
                  size="small"
                  color={ZONE_COLOR[zone as keyof typeof ZONE_COLOR] ?? 'default'}
                  label={`${translate(`carescore.evaluations.zones.${zone}`, { _: zone })}: ${count}`}
                />
              ))}
            </Stack>
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}

function Pins({ run }: { run: RunDetail }) {
  const translate = useTranslate();
  const label = (name: string) => translate(`carescore.evaluations.pins.${name}`);
  return (
    <Table size="small" data-testid="run-pins">
      <TableHead>
        <TableRow>
          <TableCell>{label('team')}</TableCell>
          <TableCell>{label('scheme')}</TableCell>
          <TableCell align="right">{label('staff')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {run.pins.map((pin) => (
          <TableRow key={`${pin.teamId ?? 'none'}-${pin.documentVersionId}`}>
            <TableCell>{pin.teamName ?? label('no_team')}</TableCell>
            <TableCell>
              <Link to={`/documents/${pin.documentId}/show`}>
                {pin.key} v{pin.version}
              </Link>
            </TableCell>
            <TableCell align="right">{pin.staff}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Timings({ run }: { run: RunDetail }) {
  const translate = useTranslate();
  return (
    <Table size="small" data-testid="run-timings">
      <TableBody>
        {TIMINGS.map((key) => (
          <TableRow key={key}>
            <TableCell component="th">{translate(`carescore.evaluations.timings.${key}`)}</TableCell>
            <TableCell align="right">{formatDuration(run.timings[key])}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Errors({ run }: { run: RunDetail }) {
  const translate = useTranslate();
  if (run.errors.length === 0) return <Typography color="text.secondary">{translate('carescore.evaluations.errors.none')}</Typography>;
  return (
    <Table size="small" data-testid="run-errors">
      <TableHead>
        <TableRow>
          <TableCell>{translate('carescore.evaluations.errors.path')}</TableCell>
          <TableCell>{translate('carescore.evaluations.errors.message')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {run.errors.map((error, index) => (
          <TableRow key={`${error.path}-${index}`}>
            <TableCell sx={{ fontFamily: 'monospace' }}>{error.path}</TableCell>
            <TableCell>{error.message}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function RunDetails() {
  const run = useRecordContext<RunDetail>();
  const translate = useTranslate();
  if (!run) return null;
  const section = (name: string) => translate(`carescore.evaluations.sections.${name}`);
  const scorecards = scorecardListPath({ runId: run.id, period: run.period });
  return (
    <Box sx={{ p: 2 }}>
      <Header run={run} />
      <Grid container spacing={2} sx={{ mt: 1 }}>
        <Grid size={12}>
          <ChartCard title={section('progress')} testId="run-progress-section">
            <RunProgressBar run={run} />
            <Chunks run={run} />
            <Box sx={{ mt: 2 }}>
              {run.status === 'succeeded' ? (
                <Button component={Link} to={scorecards} label="carescore.evaluations.open_scorecards" variant="contained" data-testid="run-scorecards">
                  <ListAltIcon />
                </Button>
              ) : run.status !== 'failed' ? (
                <Typography variant="body2" color="text.secondary">
                  {translate('carescore.evaluations.scorecards_after')}
                </Typography>
              ) : null}
            </Box>
          </ChartCard>
        </Grid>
        {run.status === 'failed' && run.errors.length > 0 && (
          <Grid size={12}>
            <Alert severity="error">{run.errors[run.errors.length - 1].message}</Alert>
          </Grid>
        )}
        <Grid size={{ xs: 12, md: 6 }}>
          <ChartCard title={section('summary')}>
            <Summary run={run} />
          </ChartCard>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <ChartCard title={section('pins')}>
            <Pins run={run} />
            {run.inputsDigest && (
              <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1, wordBreak: 'break-all' }}>
                {translate('carescore.evaluations.digest')}: {run.inputsDigest}
              </Typography>
            )}
          </ChartCard>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <ChartCard title={section('timings')}>
            <Timings run={run} />
          </ChartCard>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <ChartCard title={section('errors')}>
            <Errors run={run} />
          </ChartCard>
        </Grid>
      </Grid>
    </Box>
  );
}

/** One run, polled every second until it has succeeded or failed. */
export function EvaluationShow() {
  return (
    <Show actions={false} queryOptions={{ refetchInterval: (query: { state: { data?: RunDetail } }) => pollInterval(query.state.data) }}>
      <RunDetails />
    </Show>
  );
}
