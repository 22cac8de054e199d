import { describe, expect, it } from 'vitest';
import { toRequestBody } from './requestBody';

const record = {
  id: 'e1',
  key: 'weights-2026 ',
  name: { zh: ' 权重试验', en: 'Weights trial' },
  champion: { documentId: 'd1', documentKey: 'hm-3d9i', versionId: 'v1', version: 1 },
  challenger: { documentId: 'd1', documentKey: 'hm-3d9i', versionId: 'v3', version: '3' },
  teamIds: [] as string[],
  periods: ['2026-Q2', '2026-Q1', '2026-Q1'],
  mode: 'shadow' as const,
  unit: null,
  challengerPercent: null,
  status: 'draft',
};

describe('experiment request body', () => {
  it('creates a shadow experiment: key, trimmed names, bare version refs, whole institution, sorted periods, no split fields', () => {
    expect(toRequestBody(record, 'create')).toEqual({
      key: 'weights-2026',
      name: { zh: '权重试验', en: 'Weights trial' },
      champion: { documentId: 'd1', version: 1 },
      challenger: { documentId: 'd1', version: 3 },
      teamIds: null,
      periods: ['2026-Q1', '2026-Q2'],
      mode: 'shadow',
    });
  });

  it('updates a split experiment: no key, the teams, the unit and the percentage as a number', () => {
    const body = toRequestBody({ ...record, mode: 'split', unit: 'team', challengerPercent: '25', teamIds: ['t1', 't2'] }, 'update');
    expect(body).not.toHaveProperty('key');
    expect(body).toMatchObject({ mode: 'split', unit: 'team', challengerPercent: 25, teamIds: ['t1', 't2'] });
  });
});
