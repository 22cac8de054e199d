import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useGetList } from 'react-admin';
import { type TeamName, useLocalized, useTeamName } from '../../common/localized';
import type { CareScoreDataProvider, LocalizedText } from '../../providers/dataProvider';
import type { ArmVersion } from '../types';

interface NamedItem {
  id: string;
  name?: LocalizedText;
}

/** A published scheme version's content, for the names of its bands and indicators. */
export function useSchemeContent(arm: ArmVersion | undefined) {
  const dataProvider = useDataProvider<CareScoreDataProvider>();
  return useQuery({
    queryKey: ['documents', 'version', arm?.documentId, arm?.version],
    queryFn: () => dataProvider.documentVersion(arm?.documentId as string, arm?.version as number),
    enabled: arm !== undefined,
    staleTime: Number.POSITIVE_INFINITY, // published versions never change
  });
}

function named(content: Record<string, unknown> | undefined, list: 'bands' | 'indicators'): NamedItem[] {
  const items = content?.[list];
  return Array.isArray(items) ? (items as NamedItem[]).filter((item) => typeof item?.id === 'string') : [];
}

/** `A` → `A 优秀` / `A Excellent`, from the champion's bands, then the challenger's. */
export function useBandNames(champion: ArmVersion | undefined, challenger: ArmVersion | undefined): (band: string) => string {
  const localized = useLocalized();
  const a = useSchemeContent(champion);
  const b = useSchemeContent(challenger);
  const names = new Map<string, string>();
  for (const band of [...named(b.data?.content, 'bands'), ...named(a.data?.content, 'bands')]) names.set(band.id, localized(band.name, ''));
  return (band) => {
    const name = names.get(band);
    return name && name !== band ? `${band} ${name}` : band;
  };
}

/** The challenger's indicators, as outcome choices. */
export function useIndicatorChoices(arm: ArmVersion | undefined): Array<{ id: string; name: string }> {
  const localized = useLocalized();
  const content = useSchemeContent(arm);
  return named(content.data?.content, 'indicators').map((indicator) => ({ id: indicator.id, name: `${localized(indicator.name, indicator.id)} (${indicator.id})` }));
}

/** Ids per request: a hundred UUIDs keep the query string well under the server's header limit. */
const STAFF_CHUNK = 100;

/** Staff names by id, for the staff the report lists (fetched by id, a hundred per request). */
export function useStaffNames(ids: string[]): Map<string, string> {
  const dataProvider = useDataProvider();
  const { data } = useQuery({
    queryKey: ['staff', 'names', ids],
    enabled: ids.length > 0,
    queryFn: async () => {
      const chunks = Array.from({ length: Math.ceil(ids.length / STAFF_CHUNK) }, (_, i) => ids.slice(i * STAFF_CHUNK, (i + 1) * STAFF_CHUNK));
      const pages = await Promise.all(
        chunks.map((chunk) => dataProvider.getList<{ id: string; name: string }>('staff', { filter: { id: chunk }, pagination: { page: 1, perPage: chunk.length }, sort: { field: 'code', order: 'ASC' } })),
      );
      return pages.flatMap((page) => page.data);
    },
  });
  return new Map((data ?? []).map((member) => [member.id, member.name]));
}

/** Team id → name in the console's language. */
export function useTeamNames(): (teamId: string | null) => string {
  const teamName = useTeamName();
  const { data } = useGetList<TeamName & { id: string }>('teams', { pagination: { page: 1, perPage: 1000 }, sort: { field: 'name', order: 'ASC' } });
  const teams = new Map((data ?? []).map((team) => [team.id, team]));
  return (teamId) => (teamId === null ? '—' : teamName(teams.get(teamId)) || teamId.slice(0, 8));
}
