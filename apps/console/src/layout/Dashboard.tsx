import { Box, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router-dom';
import { Loading, Title, useGetIdentity, useGetList, useTranslate } from 'react-admin';
import { AppealsCard } from '../home/AppealsCard';
import { CasesByTeamCard } from '../home/CasesByTeamCard';
import { InZoneCard } from '../home/InZoneCard';
import { PeriodCard } from '../home/PeriodCard';
import { RunsCard } from '../home/RunsCard';
import { WaitingOnMe } from '../home/WaitingOnMe';
import { readableResources } from '../providers/permissions';
import type { Role } from '../providers/session';

// Lazy: the scorecard page brings the charts chunk, which only staff need on the landing page.
const LatestScorecard = lazy(() => import('../scorecards/LatestScorecard').then((m) => ({ default: m.LatestScorecard })));

/** Two columns on a desk, one on a phone. */
const GRID = { display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'repeat(2, minmax(0, 1fr))' }, gap: 2, mt: 2 } as const;

/** The newest evaluated period's id (managers' "in a zone" card reads it). */
function useLatestPeriod(enabled: boolean): string | undefined {
  const { data } = useGetList<{ id: string }>('periods', { pagination: { page: 1, perPage: 1 }, sort: { field: 'id', order: 'DESC' } }, { enabled });
  return data?.[0]?.id;
}

/**
 * Each role's home: admins the period's state, the latest runs with their bands and zones, cases by team; quality
 * officers their own queue first, then appeals; managers their queue, who is in a zone and their teams' cases; staff
 * what waits on them and their latest scorecard in plain words.
 */
export function Dashboard() {
  const { identity, isPending } = useGetIdentity();
  const translate = useTranslate();
  const role = identity?.role as Role | undefined;
  const latestPeriod = useLatestPeriod(role === 'manager');
  if (isPending || !identity || !role) return null;
  const resources = readableResources(role);
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('carescore.dashboard.title')} />
      <Card>
        <CardContent>
          <Typography variant="h5" gutterBottom data-testid="welcome">
            {translate('carescore.dashboard.welcome', { name: identity.fullName ?? '' })}
          </Typography>
          <Stack direction="row" spacing={3} useFlexGap sx={{ mb: 2, flexWrap: 'wrap' }}>
            <Typography>
              {translate('carescore.dashboard.institution')}: <b>{String(identity.institutionName ?? '')}</b>
            </Typography>
            <Typography>
              {translate('carescore.dashboard.role')}: <b>{translate(`carescore.roles.${role}`)}</b>
            </Typography>
          </Stack>
          {resources.length > 0 ? (
            <>
              <Typography variant="subtitle2" gutterBottom>
                {translate('carescore.dashboard.shortcuts')}
              </Typography>
              <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
                {resources.map((resource) => (
                  <Chip key={resource} component={Link} to={`/${resource}`} clickable label={translate(`resources.${resource}.name`, { smart_count: 2 })} />
                ))}
              </Stack>
            </>
          ) : (
            <Typography color="text.secondary">{translate('carescore.dashboard.staff_note')}</Typography>
          )}
        </CardContent>
      </Card>
      {role === 'admin' && (
        <Box sx={GRID} data-testid="home-admin">
          <PeriodCard />
          <CasesByTeamCard />
          <Box sx={{ gridColumn: { md: '1 / -1' } }}>
            <RunsCard />
          </Box>
          <WaitingOnMe />
          <AppealsCard />
        </Box>
      )}
      {role === 'quality_officer' && (
        <Box sx={GRID} data-testid="home-quality">
          <WaitingOnMe />
          <AppealsCard />
          <PeriodCard />
          <CasesByTeamCard />
        </Box>
      )}
      {role === 'manager' && (
        <Box sx={GRID} data-testid="home-manager">
          <WaitingOnMe />
          <InZoneCard period={latestPeriod} />
          <PeriodCard />
          <CasesByTeamCard />
        </Box>
      )}
      {role === 'staff' && (
        <>
          <Box sx={GRID} data-testid="home-staff">
            <WaitingOnMe />
          </Box>
          <Suspense fallback={<Loading />}>
            <LatestScorecard />
          </Suspense>
        </>
      )}
    </Box>
  );
}
