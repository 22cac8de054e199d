import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber, formatSigned, outcomeBars } from '../readings';
import type { Outcomes } from '../types';
import { ARM_COLOR } from './AssignmentPanel';

/**
 * The outcome per arm: each arm's mean with its 95 % interval, then Welch's difference
 * (challenger − champion) with its 95 % interval against 0.
 */
export function OutcomeChart({ outcomes, indicatorName }: { outcomes: Outcomes; indicatorName: string }) {
  const translate = useTranslate();
  const bars = outcomeBars(outcomes.welch).map((bar) => ({
    ...bar,
    label: `${translate(`carescore.experiments.${bar.arm}`)} (n = ${bar.n})`,
    error: bar.interval ? [bar.mean - bar.interval[0], bar.interval[1] - bar.mean] : [0, 0],
  }));
  const ci = outcomes.welch.confidenceInterval;
  const difference = outcomes.welch.difference;
  const diffPoint = difference !== null && ci ? [{ x: difference, y: 0, error: [difference - ci.lower, ci.upper - difference] }] : [];
  const meanLabel = translate('carescore.experiments.charts.arm_mean', { indicator: indicatorName });
  return (
    <Box data-testid="outcome-chart">
      <Typography variant="subtitle2">{translate('carescore.experiments.charts.outcome_per_arm', { indicator: indicatorName })}</Typography>
      {bars.length === 0 ? (
        <Typography variant="body2">{translate('carescore.experiments.report.no_outcomes')}</Typography>
      ) : (
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={bars} margin={{ top: 16, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" />
            <YAxis label={{ value: translate('carescore.experiments.charts.mean'), angle: -90, position: 'insideLeft' }} domain={['auto', 'auto']} />
            <Tooltip
              formatter={(value, _name, item) => {
                const bar = item.payload as (typeof bars)[number];
                return [bar.interval ? `${formatNumber(Number(value))} [${formatNumber(bar.interval[0])}, ${formatNumber(bar.interval[1])}]` : formatNumber(Number(value)), meanLabel];
              }}
            />
            <Bar dataKey="mean" name={meanLabel} isAnimationActive={false} barSize={72}>
              {bars.map((bar) => (
                <Cell key={bar.arm} fill={ARM_COLOR[bar.arm]} />
              ))}
              <ErrorBar dataKey="error" width={14} strokeWidth={2} stroke="#212121" direction="y" isAnimationActive={false} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      )}
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        {translate('carescore.experiments.charts.difference')}
      </Typography>
      {diffPoint.length === 0 || !ci ? (
        <Typography variant="body2" data-testid="difference-text">
          {difference === null ? '—' : formatSigned(difference)} · {translate('carescore.experiments.report.no_interval')}
        </Typography>
      ) : (
        <>
          <Typography variant="body2" data-testid="difference-text">
            {translate('carescore.experiments.report.difference_value', { difference: formatSigned(difference), lower: formatSigned(ci.lower), upper: formatSigned(ci.upper), p: outcomes.welch.pValue === undefined ? '—' : formatNumber(outcomes.welch.pValue, 3) })}
          </Typography>
          <ResponsiveContainer width="100%" height={110}>
            <ScatterChart margin={{ top: 8, right: 24, bottom: 24, left: 24 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis
                type="number"
                dataKey="x"
                domain={[Math.min(ci.lower, 0) - Math.abs(ci.upper - ci.lower) * 0.2, Math.max(ci.upper, 0) + Math.abs(ci.upper - ci.lower) * 0.2]}
                tickFormatter={(value: number) => formatNumber(value, 1)}
                label={{ value: translate('carescore.experiments.charts.difference_axis'), position: 'insideBottom', offset: -14 }}
              />
              <YAxis type="number" dataKey="y" hide domain={[-1, 1]} />
              <ReferenceLine x={0} stroke="#9e9e9e" strokeDasharray="4 4" />
              <Scatter data={diffPoint} fill={difference !== null && difference >= 0 ? ARM_COLOR.challenger : ARM_COLOR.champion} isAnimationActive={false}>
                <ErrorBar dataKey="error" direction="x" width={12} strokeWidth={2} stroke="#212121" isAnimationActive={false} />
              </Scatter>
            </ScatterChart>
          </ResponsiveContainer>
        </>
      )}
    </Box>
  );
}
