import { useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { binLabel, formatSigned } from '../readings';
import type { Comparison } from '../types';
import { ChartCard } from '../../common/ChartCard';

const LOSS = '#d32f2f';
const GAIN = '#2e7d32';
const SAME = '#757575';

/** How many staff gain or lose how many points under the challenger (bins of the API's width, through 0). */
export function DeltaHistogram({ comparison }: { comparison: Comparison }) {
  const translate = useTranslate();
  const data = comparison.delta.histogram.map((bin) => ({ ...bin, label: binLabel(bin) }));
  const staffLabel = translate('carescore.experiments.charts.staff_count');
  return (
    <ChartCard
      testId="delta-histogram"
      title={translate('carescore.experiments.charts.delta_histogram')}
      caption={translate('carescore.experiments.charts.delta_histogram_help', { mean: formatSigned(comparison.delta.mean), min: formatSigned(comparison.delta.min), max: formatSigned(comparison.delta.max) })}
    >
      {data.length === 0 ? (
        translate('carescore.experiments.report.no_pairs')
      ) : (
        <ResponsiveContainer width="100%" height={280}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 28, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" label={{ value: translate('carescore.experiments.charts.delta_axis'), position: 'insideBottom', offset: -16 }} tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} label={{ value: staffLabel, angle: -90, position: 'insideLeft' }} />
            <Tooltip formatter={(value) => [String(value), staffLabel]} />
            <Bar dataKey="count" name={staffLabel} isAnimationActive={false}>
              {data.map((bin) => (
                <Cell key={bin.label} fill={bin.upper <= 0 ? LOSS : bin.lower >= 0 ? GAIN : SAME} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartCard>
  );
}
