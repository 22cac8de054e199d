import { useTranslate } from 'react-admin';
import { CartesianGrid, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { StaffComparison } from '../types';
import { ChartCard } from '../../common/ChartCard';

/** Each staff member's rank under the champion (x) and the challenger (y); on the diagonal, unchanged. */
export function RankScatter({ staff, names }: { staff: StaffComparison[]; names: Map<string, string> }) {
  const translate = useTranslate();
  const points = staff
    .filter((row) => row.champion.rank !== null && row.challenger.rank !== null)
    .map((row) => ({ x: row.champion.rank as number, y: row.challenger.rank as number, code: row.code, name: names.get(row.staffId) ?? '' }));
  const n = Math.max(1, ...points.map((point) => Math.max(point.x, point.y)));
  const championAxis = translate('carescore.experiments.charts.champion_rank');
  const challengerAxis = translate('carescore.experiments.charts.challenger_rank');
  return (
    <ChartCard testId="rank-scatter" title={translate('carescore.experiments.charts.rank_scatter')} caption={translate('carescore.experiments.charts.rank_scatter_help')}>
      {points.length === 0 ? (
        translate('carescore.experiments.report.no_pairs')
      ) : (
        <ResponsiveContainer width="100%" height={320}>
          <ScatterChart margin={{ top: 8, right: 16, bottom: 28, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" dataKey="x" name={championAxis} domain={[1, n]} reversed={false} allowDecimals={false} label={{ value: championAxis, position: 'insideBottom', offset: -16 }} />
            <YAxis type="number" dataKey="y" name={challengerAxis} domain={[1, n]} allowDecimals={false} label={{ value: challengerAxis, angle: -90, position: 'insideLeft' }} />
            <ReferenceLine
              segment={[
                { x: 1, y: 1 },
                { x: n, y: n },
              ]}
              stroke="#9e9e9e"
              strokeDasharray="4 4"
              ifOverflow="extendDomain"
            />
            <Tooltip
              cursor={{ strokeDasharray: '3 3' }}
              content={({ payload }) => {
                const point = payload?.[0]?.payload as (typeof points)[number] | undefined;
                if (!point) return null;
                return (
                  <div style={{ background: '#fff', border: '1px solid #ccc', padding: 6, fontSize: 12 }}>
                    {point.code} {point.name}
                    <br />
                    {championAxis}: {point.x} · {challengerAxis}: {point.y}
                  </div>
                );
              }}
            />
            <Scatter data={points} fill="#1565c0" isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      )}
    </ChartCard>
  );
}
