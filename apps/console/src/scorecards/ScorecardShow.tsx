import { Grid, Stack } from '@mui/material';
import { Loading, Show, useRecordContext } from 'react-admin';
import { AcknowledgementPanel } from './AcknowledgementPanel';
import { DimensionRadar } from './DimensionRadar';
import { AdjustmentsPanel, ErrorsPanel, HintsPanel, PromotionPanel, ZonesPanel } from './Findings';
import { IndicatorTable } from './IndicatorTable';
import { ScorecardHeader } from './ScorecardHeader';
import { TrendChart } from './TrendChart';
import type { ScorecardDetail } from './types';

/** The scorecard in the record context, every number explained. */
export function ScorecardDetails() {
  const scorecard = useRecordContext<ScorecardDetail>();
  if (!scorecard) return null;
  // Until the detail arrives, react-admin shows the list's row (no result or explanation) in its place.
  if (!scorecard.result || !scorecard.explanation) return <Loading />;
  return (
    <Stack spacing={2} sx={{ p: 2 }} data-testid="scorecard">
      <ScorecardHeader scorecard={scorecard} />
      <AcknowledgementPanel scorecard={scorecard} />
      <ErrorsPanel scorecard={scorecard} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 6 }}>
          <DimensionRadar scorecard={scorecard} />
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <TrendChart staffId={scorecard.staffId} />
        </Grid>
        <Grid size={{ xs: 12, md: 6, lg: 3 }}>
          <ZonesPanel scorecard={scorecard} />
        </Grid>
        <Grid size={{ xs: 12, md: 6, lg: 3 }}>
          <HintsPanel scorecard={scorecard} />
        </Grid>
        <Grid size={{ xs: 12, md: 6, lg: 3 }}>
          <PromotionPanel scorecard={scorecard} />
        </Grid>
        <Grid size={{ xs: 12, md: 6, lg: 3 }}>
          <AdjustmentsPanel scorecard={scorecard} />
        </Grid>
      </Grid>
      <IndicatorTable scorecard={scorecard} />
    </Stack>
  );
}

export function ScorecardShow() {
  return (
    <Show actions={false} sx={{ '& .RaShow-card': { bgcolor: 'transparent', boxShadow: 'none' } }}>
      <ScorecardDetails />
    </Show>
  );
}
