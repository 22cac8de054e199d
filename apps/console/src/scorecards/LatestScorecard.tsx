import { Alert, Box, Typography } from '@mui/material';
import { Loading, ShowBase, useGetList, useRecordContext, useTranslate } from 'react-admin';
import { HonourRollCard } from '../awards/HonourRollCard';
import { ScorecardDetails } from './ScorecardShow';
import type { ScorecardDetail, ScorecardRecord } from './types';

/** The team's honour roll of the scorecard's period, when its scheme declares awards (others have no `awards` at all). */
function TeamHonourRoll() {
  const scorecard = useRecordContext<ScorecardDetail>();
  // Until the detail arrives, the record is the list's row, without a result.
  if (!scorecard?.teamId || !scorecard.result || scorecard.result.awards === undefined) return null;
  return (
    <Box sx={{ px: 2, pb: 2 }}>
      <HonourRollCard teamId={scorecard.teamId} period={scorecard.period} />
    </Box>
  );
}

/**
 * The signed-in staff member's latest scorecard (the API lists only their own), shown where they
 * land after signing in.
 */
export function LatestScorecard() {
  const translate = useTranslate();
  const { data, isPending, error } = useGetList<ScorecardRecord>('scorecards', { pagination: { page: 1, perPage: 1 }, sort: { field: 'period', order: 'DESC' } });
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{error.message}</Alert>;
  const latest = data?.[0];
  if (!latest) {
    return (
      <Alert severity="info" data-testid="no-scorecard">
        {translate('carescore.scorecards.none_yet')}
      </Alert>
    );
  }
  return (
    <>
      <Typography variant="h6" sx={{ mt: 2, px: 2 }} data-testid="latest-scorecard">
        {translate('carescore.scorecards.latest_title')}
      </Typography>
      <ShowBase resource="scorecards" id={latest.id}>
        <ScorecardDetails />
        <TeamHonourRoll />
      </ShowBase>
    </>
  );
}
