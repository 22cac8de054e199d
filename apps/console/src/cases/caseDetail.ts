import type { CaseDetail, CaseRecord } from './casesApi';

/**
 * Whether a case record is the full `GET /api/cases/:id` detail. react-admin seeds the show page
 * with the row of the list it was opened from (`GET /api/cases` rows carry no stages, timeline or
 * `can`), then replaces it when the detail arrives: the case page renders only the detail.
 */
export function isCaseDetail(record: CaseRecord | CaseDetail | undefined): record is CaseDetail {
  if (record === undefined) return false;
  const detail = record as Partial<CaseDetail>;
  return typeof detail.can === 'object' && detail.can !== null && Array.isArray(detail.stages) && Array.isArray(detail.events) && Array.isArray(detail.visits);
}
