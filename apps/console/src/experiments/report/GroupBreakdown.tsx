import { Alert, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatNumber, formatSigned, hardestHit } from '../readings';
import type { Comparison } from '../types';
import { ChartCard } from './ChartCard';

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
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t('group')}</TableCell>
            <TableCell align="right">{t('staff')}</TableCell>
            <TableCell align="right">{t('champion_mean')}</TableCell>
            <TableCell align="right">{t('challenger_mean')}</TableCell>
            <TableCell align="right">{t('delta_mean')}</TableCell>
            <TableCell align="right">{t('spearman')}</TableCell>
            <TableCell align="right">{t('kendall')}</TableCell>
            <TableCell align="right">{t('band_changed')}</TableCell>
            <TableCell align="right">{t('zone_changed')}</TableCell>
            <TableCell align="right">{t('promotion_changed')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {groups.map((group) => (
            <TableRow key={group.label}>
              <TableCell>{group.label}</TableCell>
              <TableCell align="right">{group.staff}</TableCell>
              <TableCell align="right">{formatNumber(group.championMean)}</TableCell>
              <TableCell align="right">{formatNumber(group.challengerMean)}</TableCell>
              <TableCell align="right" sx={{ color: (group.delta.mean ?? 0) < 0 ? 'error.main' : undefined }}>
                {formatSigned(group.delta.mean)}
              </TableCell>
              <TableCell align="right">{formatNumber(group.spearman, 3)}</TableCell>
              <TableCell align="right">{formatNumber(group.kendallTauB, 3)}</TableCell>
              <TableCell align="right">{group.bandChanged}</TableCell>
              <TableCell align="right">{group.zoneChanged}</TableCell>
              <TableCell align="right">{group.promotionChanged}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ChartCard>
  );
}
