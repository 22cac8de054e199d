import { Typography, useTheme } from '@mui/material';
import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer, Tooltip } from 'recharts';
import { useTranslate } from 'react-admin';
import { useLocalized } from '../common/localized';
import { ChartCard } from '../common/ChartCard';
import { radarData } from './chartData';
import type { ScorecardDetail } from './types';

/** One spoke per top-level dimension (0–100): the staff member's scores over the team mean of the same run. */
export function DimensionRadar({ scorecard }: { scorecard: ScorecardDetail }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const theme = useTheme();
  const data = radarData(scorecard, localized);
  const staffLabel = translate('carescore.scorecards.radar.staff');
  const teamLabel = translate('carescore.scorecards.radar.team');
  return (
    <ChartCard title={translate('carescore.scorecards.radar.title')} caption={translate('carescore.scorecards.radar.caption')} testId="radar-chart">
      <ResponsiveContainer width="100%" height={340}>
        <RadarChart data={data} outerRadius="75%" accessibilityLayer>
          <PolarGrid />
          <PolarAngleAxis dataKey="dimension" tick={{ fontSize: 13, fill: theme.palette.text.primary }} />
          <PolarRadiusAxis domain={[0, 100]} tickCount={6} angle={30} tick={{ fontSize: 11 }} />
          {scorecard.teamMean && (
            <Radar name={teamLabel} dataKey="team" stroke={theme.palette.warning.dark} strokeWidth={2} fill={theme.palette.warning.light} fillOpacity={0.1} strokeDasharray="5 4" dot isAnimationActive={false} />
          )}
          <Radar name={staffLabel} dataKey="staff" stroke={theme.palette.primary.main} strokeWidth={2} fill={theme.palette.primary.main} fillOpacity={0.3} dot isAnimationActive={false} />
          <Tooltip />
          <Legend itemSorter={null} />
        </RadarChart>
      </ResponsiveContainer>
      {!scorecard.teamMean && (
        <Typography variant="caption" color="text.secondary">
          {translate('carescore.scorecards.radar.no_team')}
        </Typography>
      )}
    </ChartCard>
  );
}
