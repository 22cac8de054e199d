import { Box, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router-dom';
import { Loading, Title, useGetIdentity, useTranslate } from 'react-admin';
import { readableResources } from '../providers/permissions';
import type { Role } from '../providers/session';

// Lazy: the scorecard page brings the charts chunk, which only staff need on the landing page.
const LatestScorecard = lazy(() => import('../scorecards/LatestScorecard').then((m) => ({ default: m.LatestScorecard })));

/** The landing page: who you are, and shortcuts to what your role may open; staff land on their latest scorecard. */
export function Dashboard() {
  const { identity, isPending } = useGetIdentity();
  const translate = useTranslate();
  if (isPending || !identity) return null;
  const role = identity.role as Role;
  const resources = readableResources(role);
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('carescore.dashboard.title')} />
      <Card>
        <CardContent>
          <Typography variant="h5" gutterBottom data-testid="welcome">
            {translate('carescore.dashboard.welcome', { name: identity.fullName ?? '' })}
          </Typography>
          <Stack direction="row" spacing={3} sx={{ mb: 2 }}>
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
      {role === 'staff' && (
        <Suspense fallback={<Loading />}>
          <LatestScorecard />
        </Suspense>
      )}
    </Box>
  );
}
