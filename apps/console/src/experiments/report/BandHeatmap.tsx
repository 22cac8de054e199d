import { Box } from '@mui/material';
import { useTranslate } from 'react-admin';
import { heatColor, heatTextColor } from '../readings';
import type { Comparison } from '../types';
import { ChartCard } from '../../common/ChartCard';

const CELL = 64;
/** Room for the column labels (above) and the row labels (left). */
const TOP = 48;
const LEFT = 130;

/**
 * The band transition matrix as a heat map: rows are the champion's bands, columns the
 * challenger's; the diagonal (outlined) holds the staff whose band did not change. An SVG of its
 * own: a matrix of counts is not a chart type recharts has.
 */
export function BandHeatmap({ comparison, bandName }: { comparison: Comparison; bandName: (band: string) => string }) {
  const translate = useTranslate();
  const { categories, counts } = comparison.bandTransitions;
  const max = Math.max(0, ...counts.flat());
  const size = CELL * categories.length;
  const width = LEFT + size + 8;
  const height = TOP + size + 8;
  const label = (band: string) => (band === '(none)' ? translate('carescore.experiments.report.no_band') : bandName(band));
  return (
    <ChartCard testId="band-heatmap" title={translate('carescore.experiments.charts.band_heatmap')} caption={translate('carescore.experiments.charts.band_heatmap_help', { changed: comparison.bandChanged, staff: comparison.staff })}>
      <Box sx={{ overflowX: 'auto' }}>
        <svg width={width} height={height} role="img" aria-label={translate('carescore.experiments.charts.band_heatmap')}>
          <text x={LEFT + size / 2} y={14} textAnchor="middle" fontSize={12} fontWeight={600}>
            {translate('carescore.experiments.charts.challenger_band')} →
          </text>
          <text x={14} y={TOP + size / 2} textAnchor="middle" fontSize={12} fontWeight={600} transform={`rotate(-90 14 ${TOP + size / 2})`}>
            {translate('carescore.experiments.charts.champion_band')} →
          </text>
          {categories.map((band, i) => (
            <g key={`labels-${band}`}>
              {/* Columns by id only (names are long); the rows, same bands, carry the names. */}
              <text x={LEFT + CELL * i + (CELL - 2) / 2} y={TOP - 10} textAnchor="middle" fontSize={12} fontWeight={600}>
                <title>{label(band)}</title>
                {band === '(none)' ? '—' : band}
              </text>
              <text x={LEFT - 8} y={TOP + CELL * i + CELL / 2 + 4} textAnchor="end" fontSize={11}>
                {label(band)}
              </text>
            </g>
          ))}
          {counts.map((row, i) =>
            row.map((count, j) => (
              <g key={`${categories[i]}-${categories[j]}`} data-testid="heat-cell">
                <rect
                  x={LEFT + CELL * j}
                  y={TOP + CELL * i}
                  width={CELL - 2}
                  height={CELL - 2}
                  fill={heatColor(count, max)}
                  stroke={i === j ? '#212121' : '#e0e0e0'}
                  strokeWidth={i === j ? 2 : 1}
                >
                  <title>{`${label(categories[i])} → ${label(categories[j])}: ${count}`}</title>
                </rect>
                <text x={LEFT + CELL * j + (CELL - 2) / 2} y={TOP + CELL * i + (CELL - 2) / 2 + 5} textAnchor="middle" fontSize={14} fill={heatTextColor(count, max)}>
                  {count}
                </text>
              </g>
            )),
          )}
        </svg>
      </Box>
    </ChartCard>
  );
}
