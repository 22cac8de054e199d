import type { LocalizedText } from '../providers/dataProvider';

/** An award as the scheme names it, as listed on a scorecard's result (SPEC §6). */
export interface EarnedAward {
  id: string;
  name: LocalizedText;
  description?: LocalizedText;
}

/** `GET /api/teams/:id/honour-roll?period=`. */
export interface HonourRoll {
  teamId: string;
  teamName: string;
  teamNameEn: string | null;
  period: string;
  awards: Array<EarnedAward & { count: number }>;
  entries: Array<{ staffId: string; staffCode: string; staffName: string; scorecardId: string | null; awards: EarnedAward[] }>;
}
