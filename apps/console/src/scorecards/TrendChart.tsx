import { Alert, type Theme, Typography, useTheme } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { CartesianGrid, Label, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Loading, useTranslate } from 'react-admin';
import { useLocalized } from '../common/localized';
import { fetchTrend } from './api';
import { ChartCard } from '../common/ChartCard';
import { trendData } from './chartData';

/** The composite drawn boldly, each top-level dimension in its own colour. */
function seriesColours(palette: Theme['palette']): string[] {
  return [palette.primary.main, palette.success.main, palette.warning.main, palette.secondary.main, palette.info.main, palette.error.main];
}

/** `GET /api/staff/:id/trend` as a line chart: composite and top-level dimensions per period. */
export function TrendChart({ staffId }: { staffId: string }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const theme = useTheme();
  const trend = useQuery({ queryKey: ['staff', staffId, 'trend'], queryFn: () => fetchTrend(staffId) });
  const title = translate('carescore.scorecards.trend.title');
  const caption = translate('carescore.scorecards.trend.caption');
  if (trend.isPending) {
    return (
      <ChartCard title={title} caption={caption}>
        <Loading />
      </ChartCard>
    );
  }
  if (trend.error) {
    return (
      <ChartCard title={title} caption={caption}>
        <Alert severity="error">{trend.error.message}</Alert>
      </ChartCard>
    );
  }
  const { rows, series } = trendData(trend.data, localized, translate('carescore.scorecards.composite'));
  const colours = seriesColours(theme.palette);
  return (
    <ChartCard title={title} caption={caption} testId="trend-chart">
      <ResponsiveContainer width="100%" height={340}>
        <LineChart data={rows} margin={{ top: 8, right: 24, bottom: 24, left: 8 }} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="period" tick={{ fontSize: 12 }}>
            <Label value={translate('carescore.scorecards.trend.period')} position="insideBottom" offset={-12} />
          </XAxis>
          <YAxis domain={[0, 100]} tick={{ fontSize: 12 }}>
            <Label value={translate('carescore.scorecards.trend.score')} angle={-90} position="insideLeft" />
          </YAxis>
          <Tooltip />
          <Legend verticalAlign="top" itemSorter={null} />
          {series.map((line, index) => (
            <Line
              key={line.key}
              type="monotone"
              dataKey={line.key}
              name={line.label}
              stroke={colours[index % colours.length]}
              strokeWidth={line.key === 'composite' ? 3 : 1.5}
              dot={{ r: line.key === 'composite' ? 5 : 3 }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      {rows.length < 2 && (
        <Typography variant="caption" color="text.secondary">
          {translate('carescore.scorecards.trend.empty')}
        </Typography>
      )}
    </ChartCard>
  );
}
