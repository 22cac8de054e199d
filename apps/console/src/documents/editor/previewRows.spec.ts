import { describe, expect, it } from 'vitest';
import type { PreviewResult, PreviewScorecard } from './editorApi';
import { comparePreviews } from './previewRows';

const card = (staffId: string, composite: number | null, band: string | null): PreviewScorecard => ({ staffId, composite, band, dimensions: {}, errors: [] });
const result = (version: number, scorecards: PreviewScorecard[], staff?: PreviewResult['staff']): PreviewResult => ({ scheme: { key: 'k', version, status: 'published' }, scorecards, staff });

describe('draft vs published preview rows', () => {
  it('pairs each staff member’s draft scorecard with the published one, with the change and band moves', () => {
    const draft = result(2, [card('D001', 88.4, 'B'), card('D002', null, null), card('D003', 91, 'A')], [
      { staffId: 'D001', name: '王芳', teamId: null },
      { staffId: 'D002', name: '李雷', teamId: null },
    ]);
    const published = result(1, [card('D001', 85.4, 'B'), card('D002', 70, 'C'), card('D003', 89, 'B')]);
    const rows = comparePreviews(draft, published);
    expect(rows.map((row) => [row.staffId, row.name, row.delta === null ? null : Number(row.delta.toFixed(3)), row.bandChanged])).toEqual([
      ['D001', '王芳', 3, false],
      ['D002', '李雷', null, true],
      ['D003', null, 2, true],
    ]);
  });

  it('shows the draft alone when nothing is published', () => {
    const rows = comparePreviews(result(1, [card('D001', 80, 'B')]), null);
    expect(rows).toEqual([{ staffId: 'D001', name: null, draft: card('D001', 80, 'B'), published: undefined, delta: null, bandChanged: false }]);
  });
});
