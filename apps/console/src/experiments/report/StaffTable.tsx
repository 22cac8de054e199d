import { Chip, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TableSortLabel } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { formatNumber, formatSigned } from '../readings';
import type { ArmResult, StaffComparison } from '../types';
import { ChartCard } from '../../common/ChartCard';

type SortKey = 'code' | 'delta' | 'champion' | 'challenger';

const ZONE_COLOR: Record<string, 'error' | 'warning' | 'info'> = { red: 'error', yellow: 'warning', blue: 'info' };

function sortValue(row: StaffComparison, key: SortKey): number | string {
  if (key === 'code') return row.code;
  if (key === 'delta') return row.delta ?? Number.POSITIVE_INFINITY;
  return row[key].composite ?? Number.NEGATIVE_INFINITY;
}

function ZoneChip({ zone }: { zone: string | null }) {
  const translate = useTranslate();
  if (!zone) return null;
  return <Chip size="small" color={ZONE_COLOR[zone]} label={translate(`carescore.experiments.zones.${zone}`, { _: zone })} sx={{ ml: 0.5 }} />;
}

function ArmCells({ arm, bandName }: { arm: ArmResult; bandName: (band: string) => string }) {
  const translate = useTranslate();
  return (
    <>
      <TableCell align="right">{formatNumber(arm.composite)}</TableCell>
      <TableCell>
        {arm.band ? bandName(arm.band) : '—'}
        <ZoneChip zone={arm.zone} />
        {arm.promotionEligible ? <Chip size="small" variant="outlined" color="success" label={translate('carescore.experiments.report.promotable')} sx={{ ml: 0.5 }} /> : null}
      </TableCell>
      <TableCell align="right">{arm.rank ?? '—'}</TableCell>
    </>
  );
}

/** Every staff member: score, band (with zone and promotion) and rank under each scheme, and the delta. */
export function StaffTable({ staff, names, teamName, bandName }: { staff: StaffComparison[]; names: Map<string, string>; teamName: (teamId: string | null) => string; bandName: (band: string) => string }) {
  const translate = useTranslate();
  const [sort, setSort] = useState<{ key: SortKey; direction: 'asc' | 'desc' }>({ key: 'delta', direction: 'asc' });
  const rows = [...staff].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    const order = typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : (x as number) - (y as number);
    return sort.direction === 'asc' ? order : -order;
  });
  const t = (key: string) => translate(`carescore.experiments.report.${key}`);
  const header = (key: SortKey, label: string, align: 'left' | 'right' = 'right') => (
    <TableCell align={align} sortDirection={sort.key === key ? sort.direction : false}>
      <TableSortLabel active={sort.key === key} direction={sort.key === key ? sort.direction : 'asc'} onClick={() => setSort({ key, direction: sort.key === key && sort.direction === 'asc' ? 'desc' : 'asc' })}>
        {label}
      </TableSortLabel>
    </TableCell>
  );
  return (
    <ChartCard testId="staff-table" title={t('per_staff')} caption={t('per_staff_help')}>
      <TableContainer sx={{ maxHeight: 520 }}>
        <Table size="small" stickyHeader sx={{ '& td, & th': { whiteSpace: 'nowrap' } }}>
          <TableHead>
            <TableRow>
              {header('code', t('code'), 'left')}
              <TableCell>{t('name')}</TableCell>
              <TableCell>{t('team')}</TableCell>
              <TableCell>{t('tier')}</TableCell>
              {header('champion', t('champion_score'))}
              <TableCell>{t('champion_band')}</TableCell>
              <TableCell align="right">{t('champion_rank')}</TableCell>
              {header('challenger', t('challenger_score'))}
              <TableCell>{t('challenger_band')}</TableCell>
              <TableCell align="right">{t('challenger_rank')}</TableCell>
              {header('delta', t('delta'))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.staffId} data-testid="staff-row">
                <TableCell>{row.code}</TableCell>
                <TableCell>{names.get(row.staffId) ?? ''}</TableCell>
                <TableCell>{teamName(row.teamId)}</TableCell>
                <TableCell>{row.tier ? translate(`carescore.tiers.${row.tier}`, { _: row.tier }) : '—'}</TableCell>
                <ArmCells arm={row.champion} bandName={bandName} />
                <ArmCells arm={row.challenger} bandName={bandName} />
                <TableCell align="right" sx={{ color: (row.delta ?? 0) < 0 ? 'error.main' : (row.delta ?? 0) > 0 ? 'success.main' : undefined, fontWeight: 600 }}>
                  {formatSigned(row.delta)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </ChartCard>
  );
}
