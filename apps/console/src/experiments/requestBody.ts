import type { ExperimentMode, SplitUnit } from './types';

/** What the experiment form holds (create and edit). */
export interface ExperimentFormValues {
  key?: string;
  name?: { zh?: string; en?: string };
  champion?: { documentId?: string; version?: number | string | null };
  challenger?: { documentId?: string; version?: number | string | null };
  teamIds?: string[] | null;
  periods?: string[];
  mode?: ExperimentMode;
  unit?: SplitUnit | null;
  challengerPercent?: number | string | null;
}

const versionRef = (ref: ExperimentFormValues['champion']) => ({ documentId: ref?.documentId ?? '', version: Number(ref?.version) });

/**
 * The body the API's strict schemas take (createExperimentSchema / updateExperimentSchema): no
 * response-only fields (documentKey, versionId, status…), no team list for the whole institution,
 * and the split settings only in split mode.
 */
export function toRequestBody(values: ExperimentFormValues, action: 'create' | 'update'): Record<string, unknown> {
  const mode = values.mode ?? 'shadow';
  const teamIds = values.teamIds && values.teamIds.length > 0 ? values.teamIds : null;
  return {
    ...(action === 'create' ? { key: values.key?.trim() ?? '' } : {}),
    name: { zh: values.name?.zh?.trim() ?? '', en: values.name?.en?.trim() ?? '' },
    champion: versionRef(values.champion),
    challenger: versionRef(values.challenger),
    teamIds,
    periods: [...new Set(values.periods ?? [])].sort(),
    mode,
    ...(mode === 'split' ? { unit: values.unit ?? 'staff', challengerPercent: Number(values.challengerPercent) } : {}),
  };
}
