import type { SchemeDocument, Scorecard, StaffFacts, TeamMeans } from '@carescore/engine';

/** One thread call: every group of a preview or of a run's chunk, with the history they share. */
export interface SchemeEvaluationTask {
  period?: string;
  history?: readonly Scorecard[];
  /** Earlier scorecards as stored (JSON text), under the staff id the population uses; parsed in the thread. */
  storedHistory?: readonly StoredScorecard[];
  groups: SchemeEvaluationGroup[];
}

export interface SchemeEvaluationGroup {
  /** Caches the compiled scheme in the thread (a published version's id); none for drafts. */
  key?: string;
  document: SchemeDocument;
  population: readonly StaffFacts[];
  teamMeans?: TeamMeans;
}

export interface StoredScorecard {
  staffId: string;
  result: string;
}
