import EmojiEventsIcon from '@mui/icons-material/EmojiEvents';
import GroupsIcon from '@mui/icons-material/Groups';
import PlayCircleIcon from '@mui/icons-material/PlayCircle';
import { Alert, Box, Card, CardContent, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Button, useCanAccess, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { honourRollPath } from '../awards/api';
import { AwardChips } from '../awards/AwardChips';
import { useLocalized } from '../common/localized';
import { formatScore } from './chartData';
import { BandChip, ZoneChip } from './Chips';
import { useTierName } from './Findings';
import { ScorecardTeam } from './ScorecardTeam';
import { teamSummaryPath } from './paths';
import type { ScorecardDetail } from './types';
import { ReportButton } from './ReportButton';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Box data-testid={testId}>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
        {label}
      </Typography>
      <Typography variant="body1" component="div">
        {children}
      </Typography>
    </Box>
  );
}

/** Who, which period and scheme, and the result: composite, band, zone. */
export function ScorecardHeader({ scorecard }: { scorecard: ScorecardDetail }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const tierName = useTierName();
  const { canAccess: canSeeRuns } = useCanAccess({ resource: 'evaluations', action: 'show' });
  const { canAccess: canSeeTeams } = useCanAccess({ resource: 'teams', action: 'show' });
  const field = (name: string) => translate(`resources.scorecards.fields.${name}`);
  const bandName = scorecard.explanation.bands.find((band) => band.id === scorecard.band)?.name;
  return (
    <Card variant="outlined">
      <CardContent>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ justifyContent: 'space-between' }}>
          <Stack spacing={1.5}>
            <Typography variant="h5" data-testid="scorecard-title">
              {scorecard.staffName} <Typography component="span" color="text.secondary">{scorecard.staffCode}</Typography>
            </Typography>
            <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
              <Fact label={field('period')} testId="scorecard-period">
                {scorecard.period}
              </Fact>
              <Fact label={field('teamId')}>
                <ScorecardTeam />
              </Fact>
              <Fact label={field('tier')}>{tierName(scorecard, scorecard.tier)}</Fact>
              <Fact label={translate('carescore.scorecards.scheme')}>
                {localized(scorecard.explanation.scheme.name, scorecard.scheme.key)} v{scorecard.scheme.version}
              </Fact>
            </Stack>
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {canSeeRuns && (
                <Button component={Link} to={`/evaluations/${scorecard.runId}/show`} label="carescore.scorecards.run">
                  <PlayCircleIcon />
                </Button>
              )}
              {canSeeTeams && scorecard.teamId && (
                <Button component={Link} to={teamSummaryPath(scorecard.teamId, scorecard.period)} label="carescore.scorecards.team_summary" data-testid="open-team-summary">
                  <GroupsIcon />
                </Button>
              )}
              {scorecard.teamId && scorecard.result.awards !== undefined && (
                <Button component={Link} to={honourRollPath(scorecard.teamId, scorecard.period)} label="carescore.awards.open_honour_roll" data-testid="open-honour-roll">
                  <EmojiEventsIcon />
                </Button>
              )}
              <ReportButton report={{ scorecardId: scorecard.id }} variant="text" />
            </Stack>
            <AwardChips awards={scorecard.result.awards} size="medium" />
          </Stack>
          <Stack spacing={1} sx={{ alignItems: { md: 'flex-end' } }}>
            <Typography variant="caption" color="text.secondary">
              {translate('carescore.scorecards.composite')}
            </Typography>
            <Typography variant="h3" data-testid="scorecard-composite">
              {formatScore(scorecard.composite)}
            </Typography>
            <Stack direction="row" spacing={1}>
              <BandChip band={scorecard.band} name={bandName} size="medium" />
              <ZoneChip zone={scorecard.zone} size="medium" />
            </Stack>
          </Stack>
        </Stack>
        {!scorecard.current && (
          <Alert severity="warning" sx={{ mt: 2 }}>
            {translate('carescore.scorecards.replaced')}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
