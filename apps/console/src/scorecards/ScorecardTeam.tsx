import { useCanAccess, useRecordContext } from 'react-admin';
import { TeamField } from '../common/TeamField';
import type { ScorecardRecord } from './types';

/**
 * The team a scorecard was evaluated in: in the reader's language for those who may read teams;
 * staff may not, so they get the name the scorecard carries.
 */
export function ScorecardTeam() {
  const scorecard = useRecordContext<ScorecardRecord>();
  const { canAccess } = useCanAccess({ resource: 'teams', action: 'show' });
  if (!scorecard?.teamId) return <>—</>;
  return canAccess ? <TeamField source="teamId" /> : <span>{scorecard.teamName ?? '—'}</span>;
}
