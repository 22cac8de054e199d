import { useRecordContext, useTranslate } from 'react-admin';
import { TeamField } from '../common/TeamField';

/** The team a run evaluated, or "All teams" when it evaluated the whole institution. */
export function RunTeamField(_props: { label?: string }) {
  const run = useRecordContext<{ teamId: string | null }>();
  const translate = useTranslate();
  if (!run) return null;
  return run.teamId === null ? <span>{translate('carescore.evaluations.all_teams')}</span> : <TeamField source="teamId" />;
}
