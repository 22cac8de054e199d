import { describe, expect, it } from 'vitest';
import { dispositionFileName } from './disposition';

describe('dispositionFileName', () => {
  it("prefers filename*=UTF-8'' and falls back to filename, then to the default", () => {
    expect(dispositionFileName(`attachment; filename="scorecard-ct-02-_-2026-Q1.pdf"; filename*=UTF-8''scorecard-ct-02-%E9%99%88%E6%B3%A2-2026-Q1.pdf`, 'x.pdf')).toBe('scorecard-ct-02-陈波-2026-Q1.pdf');
    expect(dispositionFileName('attachment; filename=scorecards-2026-Q1.csv', 'x.csv')).toBe('scorecards-2026-Q1.csv');
    expect(dispositionFileName(`attachment; filename="a.pdf"; filename*=UTF-8''%E9%99`, 'x.pdf')).toBe('a.pdf');
    expect(dispositionFileName('', 'x.pdf')).toBe('x.pdf');
  });
});
