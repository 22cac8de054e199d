import { Box, Card, CardContent, Chip, LinearProgress, Stack, Typography } from '@mui/material';
import { useGetList, useLocaleState, useTranslate } from 'react-admin';

interface PeriodRecord {
  id: string;
  period: string;
  state: 'open' | 'published' | 'closed';
  appealDeadline: string | null;
  counts: { staff: number; acknowledged: number; appealed: number; openAppeals: number; corrected: number };
}

/** The newest period: its state, and how far acknowledgements and appeals have come. */
export function PeriodCard() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data, isPending } = useGetList<PeriodRecord>('periods', { pagination: { page: 1, perPage: 1 }, sort: { field: 'id', order: 'DESC' } });
  const period = data?.[0];
  return (
    <Card data-testid="home-period">
      <CardContent>
        {isPending ? (
          <LinearProgress />
        ) : !period ? (
          <Typography color="text.secondary">{translate('carescore.home.no_period')}</Typography>
        ) : (
          <Stack spacing={1}>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
              <Typography variant="h6">{translate('carescore.home.period_title', { period: period.period })}</Typography>
              <Chip size="small" color={period.state === 'published' ? 'success' : period.state === 'closed' ? 'default' : 'warning'} label={translate(`carescore.home.states.${period.state}`)} data-testid="home-period-state" />
            </Box>
            {period.state !== 'open' && period.counts.staff > 0 && (
              <Box>
                <Typography variant="body2">
                  {translate('carescore.home.acknowledged')}: {period.counts.acknowledged} / {period.counts.staff}
                </Typography>
                <LinearProgress variant="determinate" value={(100 * period.counts.acknowledged) / period.counts.staff} sx={{ height: 8, borderRadius: 4 }} />
              </Box>
            )}
            <Typography variant="body2">
              {translate('carescore.home.appeals_open')}: <b>{period.counts.openAppeals}</b>
            </Typography>
            {period.appealDeadline && period.state === 'published' && (
              <Typography variant="caption" color="text.secondary">
                {translate('carescore.home.appeal_deadline', { date: new Date(period.appealDeadline).toLocaleString(locale) })}
              </Typography>
            )}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
