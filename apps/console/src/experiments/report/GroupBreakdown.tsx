import { Alert, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatNumber, formatSigned, hardestHit } from '../readings';
import type { Comparison } from '../types';
import { ChartCard } from '../../common/ChartCard';

export interface Group extends Comparison {
  label: string;
}

/** The comparison per team or per tier, with the group the challenger hits hardest named. */
export function GroupBreakdown({ title, groups, testId }: { title: string; groups: Group[]; testId: string }) {
  const translate = useTranslate();
  const t = (key: string) => translate(`carescore.experiments.report.${key}`);
  const worst = hardestHit(groups);
  return (
    <ChartCard title={title} testId={testId}>
      {worst ? (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {translate('carescore.experiments.reading.hardest_hit', { group: worst.label, delta: formatSigned(worst.delta.mean), changed: worst.bandChanged, staff: worst.staff })}
        </Alert>
      ) : null}
      <TableContainer>
      <Table size="small" sx={{ '& th, & td': { whiteSpace: 'nowrap' } }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('group')}</TableCell>
            <TableCell align="right">{t('staff')}</TableCell>
            <TableCell align="right">{t('means')}</TableCell>
            <TableCell align="right">{t('delta_mean')}</TableCell>
            <TableCell align="right">{t('spearman')}</TableCell>
            <TableCell align="right">{t('kendall')}</TableCell>
            <TableCell align="right">{t('changed_counts')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {groups.map((group) => (
            <TableRow key={group.label}>
              <TableCell>{group.label}</TableCell>
              <TableCell align="right">{group.staff}</TableCell>
              <TableCell align="right">
                {formatNumber(group.championMean)} → {formatNumber(group.challengerMean)}
              </TableCell>
              <TableCell align="right" sx={{ color: (group.delta.mean ?? 0) < 0 ? 'error.main' : undefined }}>
                {formatSigned(group.delta.mean)}
              </TableCell>
              <TableCell align="right">{formatNumber(group.spearman, 3)}</TableCell>
              <TableCell align="right">{formatNumber(group.kendallTauB, 3)}</TableCell>
              <TableCell align="right">
                {group.bandChanged} / {group.zoneChanged} / {group.promotionChanged}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      </TableContainer>
    </ChartCard>
  );
}
