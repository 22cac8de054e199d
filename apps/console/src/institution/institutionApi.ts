import { useQuery } from '@tanstack/react-query';
import { API_URL, httpClient } from '../providers/httpClient';

/** `GET/PUT /api/institution` (apps/api/src/modules/institutions/institution-settings.dto.ts). */
export interface InstitutionSettings {
  id: string;
  name: string;
  timeZone: string;
  appealDays: number;
  /** Rule changes become change requests another admin approves (待审批). */
  approvals: boolean;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export const institutionApi = {
  get: async () => (await httpClient(`${API_URL}/institution`)).json as InstitutionSettings,
  update: async (settings: Pick<InstitutionSettings, 'timeZone' | 'appealDays' | 'approvals'>) =>
    (await httpClient(`${API_URL}/institution`, { method: 'PUT', body: JSON.stringify(settings), headers: new Headers({ Accept: 'application/json', 'Content-Type': 'application/json' }) })).json as InstitutionSettings,
};

export const INSTITUTION_QUERY_KEY = ['institution', 'settings'] as const;

/** The signed-in user's institution: every date of the cycle is shown on its clock. */
export function useInstitution(): InstitutionSettings | undefined {
  return useQuery({ queryKey: INSTITUTION_QUERY_KEY, queryFn: institutionApi.get, staleTime: 60_000 }).data;
}
