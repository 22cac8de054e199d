import type { PreviewResult, PreviewScorecard } from './editorApi';

export interface PreviewRow {
  staffId: string;
  name: string | null;
  draft: PreviewScorecard | undefined;
  published: PreviewScorecard | undefined;
  /** Draft composite − published composite, when both exist. */
  delta: number | null;
  bandChanged: boolean;
}

/** One row per sampled staff member: the draft's scorecard beside the published version's. */
export function comparePreviews(draft: PreviewResult, published: PreviewResult | null): PreviewRow[] {
  const names = new Map((draft.staff ?? []).map((staff) => [staff.staffId, staff.name]));
  const before = new Map((published?.scorecards ?? []).map((card) => [card.staffId, card]));
  return draft.scorecards.map((card) => {
    const old = before.get(card.staffId);
    const delta = card.composite !== null && old?.composite != null ? card.composite - old.composite : null;
    return { staffId: card.staffId, name: names.get(card.staffId) ?? null, draft: card, published: old, delta, bandChanged: old !== undefined && old.band !== card.band };
  });
}
