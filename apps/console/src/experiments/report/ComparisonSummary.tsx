import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatNumber, formatSigned, readCorrelation, readTopK } from '../readings';
import type { Comparison } from '../types';

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Card variant="outlined" sx={{ minWidth: 150, flex: '1 1 150px' }}>
      <CardContent sx={{ py: 1.5, '&:last-child': { pb: 1.5 } }}>
        <Typography variant="caption" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h6" data-testid={testId}>
          {value}
        </Typography>
      </CardContent>
    </Card>
  );
}

/** The headline numbers of a comparison, then what they mean in words. */
export function ComparisonSummary({ comparison }: { comparison: Comparison }) {
  const translate = useTranslate();
  const correlation = readCorrelation(comparison);
  const topK = readTopK(comparison.topK);
  const t = (key: string) => translate(`carescore.experiments.report.${key}`);
  return (
    <Box data-testid="comparison-summary">
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1.5, mb: 2 }}>
        <Figure label={t('staff')} value={String(comparison.staff)} testId="summary-staff" />
        <Figure label={t('champion_mean')} value={formatNumber(comparison.championMean)} />
        <Figure label={t('challenger_mean')} value={formatNumber(comparison.challengerMean)} />
        <Figure label={t('delta_mean')} value={formatSigned(comparison.delta.mean)} testId="summary-delta-mean" />
        <Figure label={t('spearman')} value={formatNumber(comparison.spearman, 3)} testId="summary-spearman" />
        <Figure label={t('kendall')} value={formatNumber(comparison.kendallTauB, 3)} testId="summary-kendall" />
        <Figure label={translate('carescore.experiments.report.top_k', { k: comparison.topK.k })} value={comparison.topK.overlap === null ? '—' : `${Math.round(comparison.topK.overlap * 100)}%`} />
        <Figure label={t('band_changed')} value={String(comparison.bandChanged)} />
        <Figure label={t('zone_changed')} value={String(comparison.zoneChanged)} />
        <Figure label={t('promotion_changed')} value={String(comparison.promotionChanged)} />
      </Stack>
      <Typography variant="body1" data-testid="correlation-reading" sx={{ mb: 0.5 }}>
        {translate(correlation.key, { ...correlation.args, strength: typeof correlation.args.strength === 'string' ? translate(correlation.args.strength) : undefined })}
      </Typography>
      <Typography variant="body1" data-testid="top-k-reading" sx={{ mb: 0.5 }}>
        {translate(topK.key, topK.args)}
      </Typography>
      <Typography variant="body1" data-testid="changes-reading">
        {translate('carescore.experiments.reading.changes', { band: comparison.bandChanged, zone: comparison.zoneChanged, promotion: comparison.promotionChanged, staff: comparison.staff })}
      </Typography>
    </Box>
  );
}
