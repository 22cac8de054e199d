import { ReferenceField, useRecordContext } from 'react-admin';
import { type TeamName, useTeamName } from './localized';

function TeamNameText() {
  const team = useRecordContext<TeamName & { id: string }>();
  const teamName = useTeamName();
  return <span>{teamName(team)}</span>;
}

/** A record's team (by `teamId`), in the current language. */
export function TeamField({ source = 'teamId', link = false }: { source?: string; label?: string; link?: false | 'edit' }) {
  return (
    <ReferenceField source={source} reference="teams" link={link} emptyText="—">
      <TeamNameText />
    </ReferenceField>
  );
}

/** Option text for a team picker. */
export function TeamOption() {
  return <TeamNameText />;
}
