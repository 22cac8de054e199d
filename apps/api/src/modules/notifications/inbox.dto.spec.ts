import { describe, expect, it } from 'vitest';
import { inboxText, periodLabel } from './inbox.dto';

describe('inbox texts', () => {
  it('names periods as people say them, at the edges of months and quarters; anything else as it is', () => {
    expect([periodLabel('2026-01', 'zh'), periodLabel('2026-01', 'en')]).toEqual(['2026年1月', 'January 2026']);
    expect([periodLabel('2026-12', 'zh'), periodLabel('2026-12', 'en')]).toEqual(['2026年12月', 'December 2026']);
    expect([periodLabel('2026-Q1', 'zh'), periodLabel('2026-Q4', 'en')]).toEqual(['2026年第1季度', 'Q4 2026']);
    expect([periodLabel('2026-13', 'en'), periodLabel('2026-Q5', 'zh')]).toEqual(['2026-13', '2026-Q5']);
  });

  it('renders an item from its params in either language: names in both languages pick one, the decision picks the body', () => {
    const stage = { kind: 'case_stage_started' as const, params: { workflow: { zh: '负面反馈闭环', en: 'Negative feedback' }, stage: { zh: '客户致歉', en: 'Apology' }, staff: '张三', period: '2026-03', hours: 24 } };
    expect(inboxText(stage, 'en')).toEqual({ title: 'A case is waiting for you: Negative feedback', body: 'The Negative feedback case of 张三 (March 2026) is at the stage “Apology”; it is due within 24 h.' });
    expect(inboxText(stage, 'zh').body).toBe('张三（2026年3月）的负面反馈闭环工单已进入“客户致歉”阶段，请在 24 小时内处理。');
    const appeal = (decision: string) => inboxText({ kind: 'appeal_decided', params: { period: '2026-Q2', staff: '李四', decision } }, 'zh').body;
    expect(appeal('upheld')).toBe('李四的2026年第2季度考核结果申诉已处理：维持原结果。');
    expect(appeal('corrected')).toBe('李四的2026年第2季度考核结果申诉已处理：数据已更正，考核结果正在重新计算。');
  });
});
