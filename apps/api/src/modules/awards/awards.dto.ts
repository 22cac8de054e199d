import { z } from 'zod';
import { localizedTextSchema } from '@carescore/engine';
import { periodSchema } from '../bindings/bindings.dto';

// ---------------------------------------------------------------- requests

export const honourRollQuerySchema = z.strictObject({ period: periodSchema });
export type HonourRollQuery = z.infer<typeof honourRollQuerySchema>;

// ---------------------------------------------------------------- responses

/** An award as the scheme names it (SPEC §6), copied onto the scorecards that earned it. */
export const earnedAwardSchema = z.object({
  id: z.string(),
  name: localizedTextSchema,
  description: localizedTextSchema.optional(),
});
export type EarnedAward = z.infer<typeof earnedAwardSchema>;

export const honourRollResponseSchema = z.object({
  teamId: z.uuid(),
  teamName: z.string(),
  teamNameEn: z.string().nullable(),
  period: z.string(),
  /** Each award earned by someone of the team, in the schemes' order, with how many earned it. */
  awards: z.array(earnedAwardSchema.extend({ count: z.number().int() })),
  /** The staff who earned at least one award, by staff code; no scores: the roll is not a ranking. */
  entries: z.array(
    z.object({
      staffId: z.uuid(),
      staffCode: z.string(),
      staffName: z.string(),
      /** Their scorecard, when the reader may open it (staff: only their own); null otherwise. */
      scorecardId: z.uuid().nullable(),
      awards: z.array(earnedAwardSchema),
    }),
  ),
});
export type HonourRollResponse = z.infer<typeof honourRollResponseSchema>;

/** One current scorecard of the team and period with the awards it earned (the repository's row). */
export interface HonourRollRow {
  scorecardId: string;
  staffId: string;
  staffCode: string;
  staffName: string;
  awards: EarnedAward[];
}

/** The roll from its rows: awards in order of first appearance (each scorecard lists them in its scheme's order). */
export function toHonourRollResponse(team: { id: string; name: string; nameEn: string | null }, period: string, rows: readonly HonourRollRow[], mayOpen: (row: HonourRollRow) => boolean): HonourRollResponse {
  const awards = new Map<string, HonourRollResponse['awards'][number]>();
  for (const row of rows) {
    for (const award of row.awards) {
      const seen = awards.get(award.id);
      if (seen) seen.count += 1;
      else awards.set(award.id, { ...pickAward(award), count: 1 });
    }
  }
  return {
    teamId: team.id,
    teamName: team.name,
    teamNameEn: team.nameEn,
    period,
    awards: [...awards.values()],
    entries: rows.map((row) => ({
      staffId: row.staffId,
      staffCode: row.staffCode,
      staffName: row.staffName,
      scorecardId: mayOpen(row) ? row.scorecardId : null,
      awards: row.awards.map(pickAward),
    })),
  };
}

function pickAward(award: EarnedAward): EarnedAward {
  return award.description === undefined ? { id: award.id, name: award.name } : { id: award.id, name: award.name, description: award.description };
}
