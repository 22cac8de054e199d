import { describe, expect, it } from 'vitest';
import { en, zhCN } from './messages';
import { evaluationLimit } from './previewLimits';

describe('evaluation limits of a preview', () => {
  it('names the limit an API error reports by its code, and nothing else', () => {
    expect(evaluationLimit([{ path: 'evaluation', message: 'took longer…', code: 'evaluation_budget_exceeded' }])).toBe('evaluation_budget_exceeded');
    expect(evaluationLimit([{ path: 'x', message: 'm' }, { path: 'evaluation', message: 'needed more…', code: 'evaluation_memory_exceeded' }])).toBe('evaluation_memory_exceeded');
    expect(evaluationLimit([{ path: 'facts', message: 'hold…', code: 'list_numbers_exceeded' }])).toBe('list_numbers_exceeded');
    expect(evaluationLimit([{ path: 'facts[0].inputs.xs', message: 'has 10001 numbers…', code: 'list_input_too_long' }])).toBeNull();
    expect(evaluationLimit([])).toBeNull();
  });

  it('has a message for each limit in English and Chinese', () => {
    for (const code of ['evaluation_budget_exceeded', 'evaluation_memory_exceeded', 'list_numbers_exceeded'] as const) {
      expect(en.carescore.scheme_editor.preview.limits[code]).toMatch(/stopped|too many/);
      expect(zhCN.carescore.scheme_editor.preview.limits[code]).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
