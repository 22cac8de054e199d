import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { StaffComparison } from '../types';
import { ChartCard } from '../../common/ChartCard';

/** The staff whose zone or promotion eligibility differs between the schemes: who would be treated differently. */
export function ChangesCard({ staff, names }: { staff: StaffComparison[]; names: Map<string, string> }) {
  const translate = useTranslate();
  const t = (key: string, args?: Record<string, unknown>) => translate(`carescore.experiments.report.${key}`, args);
  const zone = (value: string | null) => (value ? translate(`carescore.experiments.zones.${value}`, { _: value }) : t('no_zone'));
  const promotion = (value: boolean | null) => t(value ? 'promotable' : 'not_promotable');
  const changed = staff.filter((row) => row.champion.zone !== row.challenger.zone || (row.champion.promotionEligible ?? false) !== (row.challenger.promotionEligible ?? false));
  return (
    <ChartCard testId="zone-promotion-changes" title={t('changes_title')} caption={t('changes_help', { smart_count: changed.length })}>
      {changed.length === 0 ? (
        <Typography variant="body2">{t('no_changes')}</Typography>
      ) : (
        <TableContainer sx={{ maxHeight: 360 }}>
          <Table size="small" stickyHeader>
            <TableHead>
              <TableRow>
                <TableCell>{t('code')}</TableCell>
                <TableCell>{t('name')}</TableCell>
                <TableCell>{t('zone')}</TableCell>
                <TableCell>{t('promotion')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {changed.map((row) => (
                <TableRow key={row.staffId}>
                  <TableCell>{row.code}</TableCell>
                  <TableCell>{names.get(row.staffId) ?? ''}</TableCell>
                  <TableCell>{row.champion.zone === row.challenger.zone ? '—' : `${zone(row.champion.zone)} → ${zone(row.challenger.zone)}`}</TableCell>
                  <TableCell>
                    {(row.champion.promotionEligible ?? false) === (row.challenger.promotionEligible ?? false) ? '—' : `${promotion(row.champion.promotionEligible)} → ${promotion(row.challenger.promotionEligible)}`}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </ChartCard>
  );
}
