import { Alert, Box, Card, CardContent, Chip, Grid, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography, useTheme } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Cell, Label, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Loading, Title, useGetOne, useTranslate } from 'react-admin';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { HonourRollCard } from '../awards/HonourRollCard';
import { ChartCard } from '../common/ChartCard';
import { FigureCard } from '../common/FigureCard';
import { type TeamName, useLocalized, useTeamName } from '../common/localized';
import { usePeriods } from '../common/PeriodInput';
import { fetchTeamSummary } from './api';
import { formatScore } from './chartData';
import { BandChip, ZoneChip } from './Chips';
import type { TeamSummary } from './types';
import { ReportButton } from './ReportButton';

function BandDistribution({ summary }: { summary: TeamSummary }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const theme = useTheme();
  const label = (name: string) => translate(`carescore.scorecards.summary.${name}`);
  const data = summary.bands.map((band) => ({ band: localized(band.name, '') ? `${band.id} · ${localized(band.name, '')}` : band.id, count: band.count }));
  if (summary.unbanded > 0) data.push({ band: translate('carescore.scorecards.no_band'), count: summary.unbanded });
  return (
    <ChartCard title={label('bands_title')} caption={label('bands_caption')} testId="band-distribution">
      <ResponsiveContainer width="100%" height={300}>
        <BarChart data={data} margin={{ top: 16, right: 16, bottom: 24, left: 8 }} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="band" tick={{ fontSize: 12 }}>
            <Label value={translate('carescore.scorecards.band')} position="insideBottom" offset={-12} />
          </XAxis>
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }}>
            <Label value={label('staff_count')} angle={-90} position="insideLeft" />
          </YAxis>
          <Tooltip />
          <Bar dataKey="count" name={label('staff_count')} fill={theme.palette.primary.main} isAnimationActive={false}>
            <LabelList dataKey="count" position="top" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function DimensionMeans({ summary }: { summary: TeamSummary }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const theme = useTheme();
  const colours = [theme.palette.primary.main, theme.palette.success.main, theme.palette.warning.main, theme.palette.secondary.main, theme.palette.info.main];
  const data = summary.dimensions.map((dimension) => ({ dimension: localized(dimension.name, dimension.id), mean: dimension.mean === null ? null : Math.round(dimension.mean * 10) / 10 }));
  return (
    <ChartCard title={translate('carescore.scorecards.summary.dimensions_title')} caption={translate('carescore.scorecards.summary.dimensions_caption')} testId="team-dimensions">
      <ResponsiveContainer width="100%" height={300}>
        <BarChart data={data} margin={{ top: 16, right: 16, bottom: 24, left: 8 }} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="dimension" tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 100]} tick={{ fontSize: 12 }}>
            <Label value={translate('carescore.scorecards.trend.score')} angle={-90} position="insideLeft" />
          </YAxis>
          <Tooltip />
          <Bar dataKey="mean" name={translate('carescore.scorecards.radar.team')} isAnimationActive={false}>
            {data.map((entry, index) => (
              <Cell key={entry.dimension} fill={colours[index % colours.length]} />
            ))}
            <LabelList dataKey="mean" position="top" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function Zones({ summary }: { summary: TeamSummary }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const label = (name: string) => translate(`carescore.scorecards.summary.${name}`);
  return (
    <ChartCard title={label('zones_title')} testId="team-zones">
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mb: 2 }}>
        {summary.zones.map((zone) => (
          <Stack key={zone.zone} direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
            <ZoneChip zone={zone.zone} />
            <b>{zone.count}</b>
          </Stack>
        ))}
        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
          <ZoneChip zone={null} showNone />
          <b>{summary.noZone}</b>
        </Stack>
      </Stack>
      {summary.zoneRules.length > 0 && (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{label('zone_rules')}</TableCell>
              <TableCell>{translate('carescore.scorecards.zone')}</TableCell>
              <TableCell align="right">{label('staff_count')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {summary.zoneRules.map((rule) => (
              <TableRow key={rule.id}>
                <TableCell>{localized(rule.name, rule.id)}</TableCell>
                <TableCell>
                  <ZoneChip zone={rule.zone} />
                </TableCell>
                <TableCell align="right">{rule.count}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </ChartCard>
  );
}

function Ranking({ summary }: { summary: TeamSummary }) {
  const translate = useTranslate();
  const field = (name: string) => translate(`resources.scorecards.fields.${name}`);
  return (
    <ChartCard title={translate('carescore.scorecards.summary.ranking_title')}>
      <Table size="small" data-testid="team-ranking">
        <TableHead>
          <TableRow>
            <TableCell>{translate('carescore.scorecards.summary.rank')}</TableCell>
            <TableCell>{field('staffCode')}</TableCell>
            <TableCell>{field('staffName')}</TableCell>
            <TableCell align="right">{field('composite')}</TableCell>
            <TableCell>{field('band')}</TableCell>
            <TableCell>{field('zone')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {summary.ranking.map((row) => (
            <TableRow key={row.scorecardId} hover>
              <TableCell>{row.rank ?? '—'}</TableCell>
              <TableCell>{row.staffCode}</TableCell>
              <TableCell>
                <Link to={`/scorecards/${row.scorecardId}/show`}>{row.staffName}</Link>
              </TableCell>
              <TableCell align="right">{formatScore(row.composite)}</TableCell>
              <TableCell>
                <BandChip band={row.band} />
              </TableCell>
              <TableCell>
                <ZoneChip zone={row.zone} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ChartCard>
  );
}

/**
 * `GET /api/teams/:id/summary?period=`: a team's period at a glance: counts, band distribution,
 * dimension means, zones and the ranking. The period lives in the URL.
 */
export function TeamSummaryPage() {
  const { teamId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const translate = useTranslate();
  const teamName = useTeamName();
  const periods = usePeriods();
  const period = params.get('period') ?? periods[0];
  const { data: team } = useGetOne<TeamName & { id: string }>('teams', { id: teamId }, { enabled: teamId !== '' });
  const summary = useQuery({ queryKey: ['teams', teamId, 'summary', period], queryFn: () => fetchTeamSummary(teamId, period as string), enabled: teamId !== '' && period !== undefined });
  const label = (name: string) => translate(`carescore.scorecards.summary.${name}`);
  const title = translate('carescore.scorecards.summary.title', { team: team ? teamName(team) : (summary.data?.teamName ?? ''), period: period ?? '' });
  return (
    <Box sx={{ p: 2 }} data-testid="team-summary">
      <Title title={title} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h5" data-testid="team-summary-title">
          {title}
        </Typography>
        <TextField
          select
          size="small"
          label={label('choose_period')}
          value={period ?? ''}
          sx={{ width: 160 }}
          onChange={(event) => setParams({ period: event.target.value }, { replace: true })}
          slotProps={{ htmlInput: { 'data-testid': 'team-summary-period' } }}
        >
          {[...new Set([...(period ? [period] : []), ...periods])].map((choice) => (
            <MenuItem key={choice} value={choice}>
              {choice}
            </MenuItem>
          ))}
        </TextField>
        {period !== undefined && summary.data !== undefined && summary.data.count > 0 && <ReportButton report={{ teamId, period }} />}
      </Stack>
      {summary.isPending && period !== undefined ? (
        <Loading />
      ) : summary.error ? (
        <Alert severity="error">{summary.error.message}</Alert>
      ) : summary.data ? (
        summary.data.count === 0 ? (
          <Alert severity="info">{label('empty')}</Alert>
        ) : (
          <Grid container spacing={2}>
            <Grid size={{ xs: 6, md: 3 }}>
              <FigureCard label={label('count')} value={summary.data.count} testId="team-summary-count" />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <FigureCard label={label('scored')} value={summary.data.scored} />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <FigureCard label={label('mean')} value={formatScore(summary.data.meanComposite)} testId="team-summary-mean" />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <Card variant="outlined" sx={{ height: '100%' }}>
                <CardContent>
                  <Typography variant="caption" color="text.secondary">
                    {label('schemes')}
                  </Typography>
                  <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', mt: 0.5 }}>
                    {summary.data.schemes.map((scheme) => (
                      <Chip key={`${scheme.key}-${scheme.version}`} size="small" label={`${scheme.key} v${scheme.version}`} />
                    ))}
                  </Stack>
                </CardContent>
              </Card>
            </Grid>
            <Grid size={{ xs: 12, lg: 6 }}>
              <BandDistribution summary={summary.data} />
            </Grid>
            <Grid size={{ xs: 12, lg: 6 }}>
              <DimensionMeans summary={summary.data} />
            </Grid>
            <Grid size={{ xs: 12, lg: 4 }}>
              <Zones summary={summary.data} />
            </Grid>
            <Grid size={{ xs: 12, lg: 8 }}>
              <Ranking summary={summary.data} />
            </Grid>
            <Grid size={{ xs: 12 }}>
              <HonourRollCard teamId={teamId} period={period as string} hideWhenEmpty />
            </Grid>
          </Grid>
        )
      ) : null}
    </Box>
  );
}
