import { Alert, Box, Chip, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber, readSampleRatio } from '../readings';
import type { Assignment } from '../types';
import { ChartCard } from '../../common/ChartCard';

export const ARM_COLOR = { champion: '#546e7a', challenger: '#ef6c00' } as const;

/** Split mode: units per arm against the set percentage, the sample-ratio-mismatch check, and each unit's arm. */
export function AssignmentPanel({ assignment }: { assignment: Assignment }) {
  const translate = useTranslate();
  const total = assignment.counts.champion + assignment.counts.challenger;
  const srm = readSampleRatio(assignment.srm);
  const unit = translate(`carescore.experiments.units.${assignment.unit}`);
  const unitName = translate(`carescore.experiments.unit_names.${assignment.unit}`);
  const data = (['champion', 'challenger'] as const).map((arm) => ({
    arm,
    label: translate(`carescore.experiments.${arm}`),
    observed: assignment.counts[arm],
    expected: Number(((total * (arm === 'challenger' ? assignment.challengerPercent : 100 - assignment.challengerPercent)) / 100).toFixed(1)),
  }));
  return (
    <ChartCard testId="assignment" title={translate('carescore.experiments.report.assignment_title')} caption={translate('carescore.experiments.report.assignment_help', { unit: unitName, percent: assignment.challengerPercent })}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Box sx={{ flex: 1, minWidth: 280 }}>
          <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
            {data.map((arm) => (
              <Chip key={arm.arm} data-testid={`units-${arm.arm}`} label={`${arm.label}: ${arm.observed} ${unit}`} sx={{ bgcolor: ARM_COLOR[arm.arm], color: '#fff' }} />
            ))}
          </Stack>
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} title={translate('carescore.experiments.charts.units_axis', { unit: unitName })}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" />
              <YAxis allowDecimals={false} width={40} />
              <Tooltip />
              <Legend />
              <Bar dataKey="observed" name={translate('carescore.experiments.charts.observed')} fill={ARM_COLOR.champion} isAnimationActive={false}>
                {data.map((arm) => (
                  <Cell key={arm.arm} fill={ARM_COLOR[arm.arm]} />
                ))}
              </Bar>
              <Bar dataKey="expected" name={translate('carescore.experiments.charts.expected')} fill="#bdbdbd" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
          <Alert severity={assignment.srm?.mismatch ? 'error' : assignment.srm ? 'success' : 'info'} data-testid="srm-reading">
            {translate(srm.key, srm.args)}
            {assignment.srm ? ` (χ² = ${formatNumber(assignment.srm.chiSquare, 3)})` : ''}
          </Alert>
        </Box>
        <Box sx={{ flex: 1, minWidth: 240 }}>
          <Typography variant="subtitle2">{translate('carescore.experiments.report.units_list', { unit: unitName })}</Typography>
          <TableContainer sx={{ maxHeight: 320 }}>
            <Table size="small" stickyHeader>
              <TableHead>
                <TableRow>
                  <TableCell>{unitName}</TableCell>
                  <TableCell>{translate('carescore.experiments.report.arm')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {assignment.units.map((row) => (
                  <TableRow key={row.id} data-testid="unit-row">
                    <TableCell>{row.label}</TableCell>
                    <TableCell sx={{ color: ARM_COLOR[row.arm], fontWeight: 600 }}>{translate(`carescore.experiments.${row.arm}`)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </Box>
      </Stack>
    </ChartCard>
  );
}
